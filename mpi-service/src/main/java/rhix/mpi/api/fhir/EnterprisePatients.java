package rhix.mpi.api.fhir;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import rhix.fhir.RhixNamingSystems;
import rhix.identity.InvalidResidentIdException;
import rhix.identity.ResidentId;
import rhix.mpi.index.EnterpriseIdentity;
import rhix.mpi.index.EnterpriseIdentityStore;
import rhix.mpi.index.EnterpriseIdentityStore.DemographicQuery;
import rhix.mpi.index.IdentityRecordStore;
import rhix.mpi.index.IndexTransactions;
import rhix.mpi.index.Link;
import rhix.mpi.index.LinkStore;
import rhix.mpi.index.RegisteredRecord;

/**
 * The index read the way the FHIR API asks: people by id, by an identifier in any of the region's
 * identifier domains, by demographics. Each read is one transaction, so a person's identity, records and
 * merge history are seen as of one moment.
 */
@Singleton
public class EnterprisePatients {

    /** A merge chain longer than this is a corrupted store, not history. */
    private static final int MAXIMUM_MERGE_HOPS = 64;

    private final IndexTransactions transactions;
    private final EnterpriseIdentityStore identities;
    private final IdentityRecordStore records;
    private final LinkStore links;

    public EnterprisePatients(IndexTransactions transactions, EnterpriseIdentityStore identities, IdentityRecordStore records,
                              LinkStore links) {
        this.transactions = transactions;
        this.identities = identities;
        this.records = records;
        this.links = links;
    }

    /** The identifier domains a PIXm or PDQm identifier may be in; {@link #UNKNOWN} is none the index has seen. */
    enum Domain {
        ENTERPRISE_ID,
        RESIDENT_ID,
        /** a hospital's patient numbers, as some registered record carries them */
        LOCAL,
        UNKNOWN
    }

    /** The identity as it stands (active or retired), with what the API shows alongside it. */
    public Optional<PersonView> read(String enterpriseId) {
        return transactions.read(connection -> {
            Optional<EnterpriseIdentity> identity = identities.find(connection, enterpriseId);
            return identity.isEmpty() ? Optional.<PersonView>empty() : Optional.of(view(connection, identity.get()));
        });
    }

    public List<PersonView> read(List<String> enterpriseIds) {
        return transactions.read(connection -> {
            List<PersonView> views = new ArrayList<>(enterpriseIds.size());
            for (String enterpriseId : enterpriseIds) {
                Optional<EnterpriseIdentity> identity = identities.find(connection, enterpriseId);
                if (identity.isPresent()) {
                    views.add(view(connection, identity.get()));
                }
            }
            return views;
        });
    }

    /**
     * Active identities matching the demographics and, when {@code identifier} is given, holding it.
     *
     * @param identifier system and value; null for no identifier constraint
     */
    public List<PersonView> search(DemographicQuery demographics, SystemValue identifier, int limit) {
        return transactions.read(connection -> {
            List<DemographicQuery> queries = new ArrayList<>();
            if (identifier == null) {
                queries.add(demographics);
            } else {
                for (String enterpriseId : holders(connection, identifier)) {
                    queries.add(withEnterpriseId(demographics, enterpriseId));
                }
            }
            List<PersonView> found = new ArrayList<>();
            for (DemographicQuery query : queries) {
                for (EnterpriseIdentity identity : identities.search(connection, query, limit - found.size())) {
                    found.add(view(connection, identity));
                }
                if (found.size() >= limit) {
                    break;
                }
            }
            return found;
        });
    }

    /** PIXm's source lookup: the domain the identifier is in, and the active identities holding it. */
    public Holders holdersOf(SystemValue identifier) {
        return transactions.read(connection -> new Holders(domain(connection, identifier.system()),
                read(connection, holders(connection, identifier))));
    }

    /** @param people the active identities holding the identifier, as of the lookup */
    public record Holders(Domain domain, List<PersonView> people) {
    }

    public Domain domainOf(String system) {
        return transactions.read(connection -> domain(connection, system));
    }

    /** A {@code system|value} pair as FHIR token parameters carry identifiers. */
    public record SystemValue(String system, String value) {
    }

    private Domain domain(Connection connection, String system) throws SQLException {
        if (RhixNamingSystems.ENTERPRISE_ID.equals(system)) {
            return Domain.ENTERPRISE_ID;
        }
        if (RhixNamingSystems.RESIDENT_ID.equals(system)) {
            return Domain.RESIDENT_ID;
        }
        return records.hasLocalIdentifierSystem(connection, system) ? Domain.LOCAL : Domain.UNKNOWN;
    }

    /**
     * The active identities an identifier belongs to. A retired enterprise id belongs to the identity that
     * replaced it (ids handed out before a merge keep working); a resident ID to the identities whose golden
     * record carries it; a hospital number to the identities its records are linked to.
     */
    private Set<String> holders(Connection connection, SystemValue identifier) throws SQLException {
        Set<String> holders = new LinkedHashSet<>();
        switch (domain(connection, identifier.system())) {
            case ENTERPRISE_ID -> survivor(connection, identifier.value()).ifPresent(identity -> holders.add(identity.enterpriseId()));
            case RESIDENT_ID -> {
                Optional<String> residentId = normalizedResidentId(identifier.value());
                if (residentId.isPresent()) {
                    for (EnterpriseIdentity identity : identities.search(connection,
                            new DemographicQuery(residentId.get(), null, null, null, null, null), 100)) {
                        holders.add(identity.enterpriseId());
                    }
                }
            }
            case LOCAL -> {
                for (RegisteredRecord record : records.byLocalIdentifier(connection, identifier.system(), identifier.value())) {
                    links.find(connection, record.key()).map(Link::enterpriseId).ifPresent(holders::add);
                }
            }
            case UNKNOWN -> {
                // Nobody holds an identifier of a domain the index has never seen.
            }
        }
        return holders;
    }

    private Optional<EnterpriseIdentity> survivor(Connection connection, String enterpriseId) throws SQLException {
        Optional<EnterpriseIdentity> identity = identities.find(connection, enterpriseId);
        for (int hops = 0; identity.isPresent() && identity.get().status() == EnterpriseIdentity.Status.MERGED; hops++) {
            if (hops > MAXIMUM_MERGE_HOPS) {
                throw new IllegalStateException("the merge chain from " + enterpriseId + " does not end");
            }
            identity = identities.find(connection, identity.get().mergedInto());
        }
        return identity;
    }

    private List<PersonView> read(Connection connection, Set<String> enterpriseIds) throws SQLException {
        List<PersonView> views = new ArrayList<>(enterpriseIds.size());
        for (String enterpriseId : enterpriseIds) {
            Optional<EnterpriseIdentity> identity = identities.find(connection, enterpriseId);
            if (identity.isPresent()) {
                views.add(view(connection, identity.get()));
            }
        }
        return views;
    }

    private PersonView view(Connection connection, EnterpriseIdentity identity) throws SQLException {
        List<String> replaced = identities.mergedInto(connection, identity.enterpriseId()).stream()
                .map(EnterpriseIdentity::enterpriseId).toList();
        return new PersonView(identity, records.ofEnterprise(connection, identity.enterpriseId()), replaced);
    }

    /** The 18-character form of a resident ID, or empty when GB 11643 refuses it (then it identifies nobody). */
    static Optional<String> normalizedResidentId(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResidentId.parse(text.strip()).value());
        } catch (InvalidResidentIdException e) {
            return Optional.empty();
        }
    }

    private static DemographicQuery withEnterpriseId(DemographicQuery query, String enterpriseId) {
        return new DemographicQuery(query.residentId(), query.nameZh(), query.namePinyin(), query.birthDate(), query.gender(),
                query.phone(), enterpriseId, query.givenZh(), query.givenPinyin());
    }
}
