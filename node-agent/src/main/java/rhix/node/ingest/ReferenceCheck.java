package rhix.node.ingest;

import ca.uhn.fhir.context.FhirContext;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import rhix.node.store.ResourceKey;
import rhix.node.store.ResourceStore;
import rhix.node.store.StoredVersion;

/**
 * Every relative reference must name a resource of the same batch or one the store already
 * holds: a node never keeps an Observation of a patient it does not know. Absolute, contained
 * and identifier-only references are left to the consumer.
 */
@Singleton
public class ReferenceCheck {

    private final FhirContext fhirContext;
    private final ResourceStore store;

    public ReferenceCheck(FhirContext fhirContext, ResourceStore store) {
        this.fhirContext = fhirContext;
        this.store = store;
    }

    /** Problems for every unresolvable reference of {@code resources}; {@code acceptable} are those that may be targets. */
    public List<IngestProblem> check(Connection connection, List<IncomingResource> resources, Set<ResourceKey> acceptable)
            throws SQLException {
        return check(connection, resources, acceptable, Set.of());
    }

    /** As above, where {@code vanishing} are stored resources the same write deletes: no longer targets. */
    public List<IngestProblem> check(Connection connection, List<IncomingResource> resources, Set<ResourceKey> acceptable,
                                     Set<ResourceKey> vanishing) throws SQLException {
        Map<IncomingResource, List<Target>> targetsByResource = new HashMap<>();
        Set<ResourceKey> outsideBatch = new HashSet<>();
        for (IncomingResource incoming : resources) {
            List<Target> targets = targetsOf(incoming);
            targetsByResource.put(incoming, targets);
            targets.stream().map(Target::key).filter(key -> !acceptable.contains(key)).forEach(outsideBatch::add);
        }
        Map<ResourceKey, StoredVersion> stored = outsideBatch.isEmpty() ? Map.of()
                : store.currentVersions(connection, outsideBatch);
        List<IngestProblem> problems = new ArrayList<>();
        for (IncomingResource incoming : resources) {
            for (Target target : targetsByResource.get(incoming)) {
                if (acceptable.contains(target.key())) {
                    continue;
                }
                StoredVersion version = stored.get(target.key());
                if (version == null || version.deleted() || vanishing.contains(target.key())) {
                    problems.add(IngestProblem.of(incoming, IssueType.NOTFOUND, "reference " + target.key()
                            + " resolves to nothing: it is neither in this batch (or was rejected) nor in the node store",
                            target.path()));
                }
            }
        }
        return problems;
    }

    private List<Target> targetsOf(IncomingResource incoming) {
        List<Target> targets = new ArrayList<>();
        for (IBaseReference reference : fhirContext.newTerser()
                .getAllPopulatedChildElementsOfType(incoming.resource(), IBaseReference.class)) {
            IIdType target = reference.getReferenceElement();
            if (target == null || target.isEmpty() || target.isAbsolute() || target.isLocal()
                    || !target.hasResourceType() || !target.hasIdPart()) {
                continue;
            }
            targets.add(new Target(new ResourceKey(target.getResourceType(), target.getIdPart()),
                    incoming.key().resourceType() + " reference '" + target.getValue() + "'"));
        }
        return targets;
    }

    private record Target(ResourceKey key, String path) {
    }
}
