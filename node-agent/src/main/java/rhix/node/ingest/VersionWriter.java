package rhix.node.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import rhix.node.identity.LocalPatientIdentity;
import rhix.node.identity.LocalPatientIdentityRepository;
import rhix.node.identity.PatientIdentityExtractor;
import rhix.node.mpi.MpiOutbox;
import rhix.node.quality.QualityFinding;
import rhix.node.quality.QualityFindingRepository;
import rhix.node.quality.QualityRuleSet;
import rhix.node.store.ContentHash;
import rhix.node.store.ResourceKey;
import rhix.node.store.ResourceStore;
import rhix.node.store.ResourceWrite;
import rhix.node.store.StoredVersion;
import rhix.node.store.search.SearchIndexer;

/**
 * Turns accepted resources into new store versions, whichever door they came in by (a producer's
 * batch or a FHIR write): content the store already holds makes no version; a new version gets its
 * search index, the Patient's identity traits (queued for registration with the MPI), and the quality
 * rules' findings.
 */
@Singleton
public class VersionWriter {

    private static final int WRITE_CHUNK = 1_000;

    private final FhirContext fhirContext;
    private final ResourceStore store;
    private final SearchIndexer indexer;
    private final PatientIdentityExtractor identityExtractor;
    private final LocalPatientIdentityRepository identities;
    private final MpiOutbox mpiOutbox;
    private final QualityRuleSet qualityRules;
    private final QualityFindingRepository findings;

    public VersionWriter(FhirContext fhirContext, ResourceStore store, PatientIdentityExtractor identityExtractor,
                         LocalPatientIdentityRepository identities, MpiOutbox mpiOutbox, QualityRuleSet qualityRules,
                         QualityFindingRepository findings) {
        this.fhirContext = fhirContext;
        this.store = store;
        this.indexer = new SearchIndexer(fhirContext);
        this.identityExtractor = identityExtractor;
        this.identities = identities;
        this.mpiOutbox = mpiOutbox;
        this.qualityRules = qualityRules;
        this.findings = findings;
    }

    public enum Change { CREATED, UPDATED, UNCHANGED }

    /** What a resource became: the version that now stands and how it came to. */
    public record Version(int versionId, OffsetDateTime lastUpdated, Change change) {
    }

    /** The versions to write, decided but not yet stored. */
    public record Plan(String batchId, String producerId, OffsetDateTime at, List<ResourceWrite> writes,
                       List<IncomingResource> changed, List<LocalPatientIdentity> patientIdentities,
                       Map<ResourceKey, Version> versions) {

        public long count(Change change) {
            return versions.values().stream().filter(version -> version.change() == change).count();
        }
    }

    /** @param current what the store holds now of these resources (from {@link ResourceStore#currentVersions}) */
    public Plan plan(List<IncomingResource> accepted, Map<ResourceKey, StoredVersion> current, OffsetDateTime at,
                     String producerId, String batchId) {
        IParser encoder = fhirContext.newJsonParser();
        List<ResourceWrite> writes = new ArrayList<>();
        List<IncomingResource> changed = new ArrayList<>();
        List<LocalPatientIdentity> patientIdentities = new ArrayList<>();
        Map<ResourceKey, Version> versions = new LinkedHashMap<>();
        for (IncomingResource incoming : accepted) {
            Resource resource = (Resource) incoming.resource();
            // The store's version and time are columns, set on read: the stored JSON (and its hash) is the source's.
            resource.getMeta().setVersionId(null);
            resource.getMeta().setLastUpdated(null);
            String json = encoder.encodeResourceToString(resource);
            String hash = ContentHash.sha256(json);
            StoredVersion existing = current.get(incoming.key());
            if (existing != null && !existing.deleted() && existing.contentSha256().equals(hash)) {
                versions.put(incoming.key(), new Version(existing.versionId(), existing.lastUpdated(), Change.UNCHANGED));
                continue;
            }
            boolean replaces = existing != null;
            int versionId = replaces ? existing.versionId() + 1 : 1;
            writes.add(new ResourceWrite(incoming.key(), versionId, at, hash, json, producerId, batchId, replaces,
                    indexer.index(resource)));
            versions.put(incoming.key(), new Version(versionId, at, replaces ? Change.UPDATED : Change.CREATED));
            changed.add(incoming);
            if (resource instanceof Patient patient) {
                patientIdentities.add(identityExtractor.extract(patient, producerId));
            }
        }
        return new Plan(batchId, producerId, at, writes, changed, patientIdentities, versions);
    }

    /**
     * Writes the versions and the identity traits, in chunks; {@code written} hears how many so far. The
     * traits' registration with the MPI is queued in the same transaction, so it cannot be lost or run ahead.
     */
    public void write(Connection connection, Plan plan, IntConsumer written) throws SQLException {
        List<ResourceWrite> writes = plan.writes();
        for (int from = 0; from < writes.size(); from += WRITE_CHUNK) {
            int to = Math.min(writes.size(), from + WRITE_CHUNK);
            store.write(connection, writes.subList(from, to));
            written.accept(to);
        }
        identities.replace(connection, plan.patientIdentities(), plan.batchId(), plan.at());
        mpiOutbox.queueRegistrations(connection, plan.patientIdentities().stream().map(LocalPatientIdentity::patientId).toList(),
                plan.at());
    }

    /** Judges the new versions; unchanged resources were judged when they first arrived. Returns how many findings. */
    public int judge(Connection connection, Plan plan) throws SQLException {
        List<QualityFinding> found = qualityRules.evaluate(plan.changed(), plan.at().toInstant());
        findings.insert(connection, plan.batchId(), plan.producerId(), found, plan.at());
        return found.size();
    }
}
