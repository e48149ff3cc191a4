package rhix.mpi.index;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import rhix.mpi.match.ComparisonVector;
import rhix.mpi.match.IdentityRecord;

/**
 * The index: records arrive from nodes and are matched on arrival (incremental mode), linked into
 * enterprise identities, and located again. Every change is one transaction with its events; a request
 * that cannot be carried out whole is refused whole ({@link IndexRefusal}).
 */
@Singleton
public class MasterPatientIndex {

    private final IndexTransactions transactions;
    private final IdentityRecordStore records;
    private final EnterpriseIdentityStore identities;
    private final LinkStore links;
    private final ReviewTaskStore reviews;
    private final EventLog events;
    private final ActivePolicy policy;
    private final Clock clock;

    public MasterPatientIndex(IndexTransactions transactions, IdentityRecordStore records, EnterpriseIdentityStore identities,
                              LinkStore links, ReviewTaskStore reviews, EventLog events, ActivePolicy policy, Clock clock) {
        this.transactions = transactions;
        this.records = records;
        this.identities = identities;
        this.links = links;
        this.reviews = reviews;
        this.events = events;
        this.policy = policy;
        this.clock = clock;
    }

    /** How a registration ended for one record. */
    public enum Outcome {
        /** linked to an identity that existed (automatically, or kept from before) */
        LINKED,
        /** nobody like it: a new identity */
        NEW_IDENTITY,
        /** a new identity for now, and a review task about a grey-band candidate */
        REVIEW,
        /** stored unmatched, for a bulk linkage run */
        DEFERRED
    }

    /** @param score the best candidate's score, null when there was none */
    public record Registration(RecordKey record, String enterpriseId, Outcome outcome, Double score, boolean residentIdInvalid,
                               Long reviewTaskId) {
    }

    /** One candidate identity for a record, scored against the identity's most similar record. */
    public record ScoredIdentity(String enterpriseId, RecordKey matched, double score, String vector,
                                 MatchingPolicy.Decision decision) {
    }

    /**
     * Registers (or re-registers) records and matches each new one on arrival. A record registered again with
     * changed traits keeps its identity (the golden record is recomputed); if it now matches another identity
     * above the link threshold, a review task asks whether the two are one person.
     */
    public List<Registration> register(List<RegisteredRecord> incoming, String actor) {
        incoming.forEach(MasterPatientIndex::requireMatchable);
        MatchingPolicy current = policy.policy();
        return transactions.write(connection -> {
            List<Registration> registrations = new ArrayList<>(incoming.size());
            for (RegisteredRecord record : incoming) {
                registrations.add(registerOne(connection, record, current, actor));
            }
            return registrations;
        });
    }

    /**
     * Stores records without matching them (an initial load): they wait for the next bulk linkage run. Records
     * already linked keep their link. Validated like {@link #register}, stored in batches.
     *
     * @return how many of them were new to the index
     */
    public int registerDeferred(List<RegisteredRecord> incoming, String actor) {
        incoming.forEach(MasterPatientIndex::requireMatchable);
        return transactions.write(connection -> records.storeAll(connection, incoming));
    }

    private Registration registerOne(Connection connection, RegisteredRecord record, MatchingPolicy current, String actor)
            throws SQLException {
        Instant now = clock.instant();
        IdentityRecord traits = record.traits();
        Optional<RegisteredRecord> previous = records.upsert(connection, record);
        Optional<Link> existing = previous.isPresent() ? links.find(connection, record.key()) : Optional.empty();
        if (existing.isPresent()) {
            return reregister(connection, record, previous.get(), existing.get(), current, actor, now);
        }
        List<ScoredIdentity> candidates = scoreCandidates(connection, traits, current);
        ScoredIdentity best = candidates.isEmpty() ? null : candidates.getFirst();
        if (best != null && best.decision() == MatchingPolicy.Decision.LINK) {
            Link link = new Link(record.key(), best.enterpriseId(), Link.Method.AUTOMATIC, best.score(), best.vector(),
                    best.matched(), now);
            links.put(connection, link);
            events.append(connection, new MpiEvent.RecordRegistered(best.enterpriseId(), record.key(),
                    traits.hasInvalidResidentId(), false), actor, now);
            events.append(connection, new MpiEvent.RecordLinked(best.enterpriseId(), link), actor, now);
            refreshGolden(connection, best.enterpriseId(), now);
            return new Registration(record.key(), best.enterpriseId(), Outcome.LINKED, best.score(),
                    traits.hasInvalidResidentId(), null);
        }
        String enterpriseId = newIdentity(connection, record, actor, now);
        if (best != null && best.decision() == MatchingPolicy.Decision.REVIEW) {
            long task = openReview(connection, record.key(), best, actor, now);
            return new Registration(record.key(), enterpriseId, Outcome.REVIEW, best.score(), traits.hasInvalidResidentId(), task);
        }
        return new Registration(record.key(), enterpriseId, Outcome.NEW_IDENTITY, best == null ? null : best.score(),
                traits.hasInvalidResidentId(), null);
    }

    private Registration reregister(Connection connection, RegisteredRecord record, RegisteredRecord previous, Link link,
                                    MatchingPolicy current, String actor, Instant now) throws SQLException {
        boolean changed = !previous.traits().equals(record.traits());
        if (!changed) {
            return new Registration(record.key(), link.enterpriseId(), Outcome.LINKED, link.score(),
                    record.traits().hasInvalidResidentId(), null);
        }
        events.append(connection, new MpiEvent.RecordRegistered(link.enterpriseId(), record.key(),
                record.traits().hasInvalidResidentId(), true), actor, now);
        refreshGolden(connection, link.enterpriseId(), now);
        Optional<ScoredIdentity> elsewhere = scoreCandidates(connection, record.traits(), current).stream()
                .filter(candidate -> !candidate.enterpriseId().equals(link.enterpriseId()))
                .filter(candidate -> candidate.decision() == MatchingPolicy.Decision.LINK)
                .findFirst();
        if (elsewhere.isPresent()) {
            long task = openReview(connection, record.key(), elsewhere.get(), actor, now);
            return new Registration(record.key(), link.enterpriseId(), Outcome.REVIEW, elsewhere.get().score(),
                    record.traits().hasInvalidResidentId(), task);
        }
        return new Registration(record.key(), link.enterpriseId(), Outcome.LINKED, link.score(),
                record.traits().hasInvalidResidentId(), null);
    }

    /** The node no longer holds these records: their links go, their identities' golden records are recomputed. */
    public int retract(List<RecordKey> keys, String actor) {
        return transactions.write(connection -> {
            int retracted = 0;
            Instant now = clock.instant();
            for (RecordKey key : keys) {
                Optional<Link> link = links.find(connection, key);
                for (ReviewTask task : reviews.openAbout(connection, key)) {
                    reviews.decide(connection, task.taskId(), ReviewTask.Status.WITHDRAWN, actor, "record retracted", now);
                    events.append(connection, new MpiEvent.ReviewDecided(task.candidateEnterpriseId(), task.taskId(),
                            ReviewTask.Status.WITHDRAWN.name(), "record retracted"), actor, now);
                }
                if (records.delete(connection, key)) {
                    retracted++;
                    String enterpriseId = link.map(Link::enterpriseId).orElse(null);
                    events.append(connection, new MpiEvent.RecordRetracted(enterpriseId, key), actor, now);
                    if (enterpriseId != null) {
                        refreshGolden(connection, enterpriseId, now);
                    }
                }
            }
            return retracted;
        });
    }

    /**
     * The identities a probe resembles, best first, one entry per identity, without registering anything:
     * what {@code Patient/$match} answers. Only candidates at or above the review threshold are returned.
     */
    public List<ScoredIdentity> match(IdentityRecord probe, int count) {
        MatchingPolicy current = policy.policy();
        return transactions.read(connection -> scoreCandidates(connection, probe, current).stream()
                .filter(candidate -> candidate.decision() != MatchingPolicy.Decision.DISTINCT)
                .limit(count)
                .toList());
    }

    /** Where a person's records are, with the reason the caller gave; a merged identity answers for its survivor. */
    public Optional<Located> locate(String enterpriseId, String purposeOfUse, String actor) {
        requirePurpose(purposeOfUse);
        return transactions.write(connection -> locate(connection, enterpriseId, purposeOfUse, actor));
    }

    /** The same, starting from one of the person's local records. */
    public Optional<Located> locate(RecordKey record, String purposeOfUse, String actor) {
        requirePurpose(purposeOfUse);
        return transactions.write(connection -> {
            Optional<Link> link = links.find(connection, record);
            return link.isEmpty() ? Optional.<Located>empty() : locate(connection, link.get().enterpriseId(), purposeOfUse, actor);
        });
    }

    /** @param requested the id asked about; {@code identity} the active one it resolved to (itself unless merged) */
    public record Located(String requested, EnterpriseIdentity identity, List<RegisteredRecord> records) {
    }

    private Optional<Located> locate(Connection connection, String enterpriseId, String purposeOfUse, String actor)
            throws SQLException {
        Optional<EnterpriseIdentity> identity = resolve(connection, enterpriseId);
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        List<RegisteredRecord> held = records.ofEnterprise(connection, identity.get().enterpriseId());
        events.append(connection, new MpiEvent.RecordsLocated(identity.get().enterpriseId(), purposeOfUse, held.size()),
                actor, clock.instant());
        return Optional.of(new Located(enterpriseId, identity.get(), held));
    }

    /** An identity and, if it was merged, the active one that replaced it (following merges of merges). */
    Optional<EnterpriseIdentity> resolve(Connection connection, String enterpriseId) throws SQLException {
        Optional<EnterpriseIdentity> identity = identities.find(connection, enterpriseId);
        for (int hops = 0; identity.isPresent() && identity.get().status() == EnterpriseIdentity.Status.MERGED; hops++) {
            if (hops > 64) {
                throw new IllegalStateException("merge chain from " + enterpriseId + " does not end");
            }
            identity = identities.find(connection, identity.get().mergedInto());
        }
        return identity;
    }

    List<ScoredIdentity> scoreCandidates(Connection connection, IdentityRecord traits, MatchingPolicy current)
            throws SQLException {
        Map<String, ScoredIdentity> best = new LinkedHashMap<>();
        for (IdentityRecordStore.Candidate candidate : records.candidates(connection, traits)) {
            ComparisonVector vector = ComparisonVector.of(traits, candidate.record().traits());
            double score = current.score(vector);
            ScoredIdentity scored = new ScoredIdentity(candidate.enterpriseId(), candidate.record().key(), score,
                    VectorCode.of(vector), current.decide(score));
            best.merge(candidate.enterpriseId(), scored, (a, b) -> b.score() > a.score() ? b : a);
        }
        return best.values().stream()
                .sorted(Comparator.comparingDouble(ScoredIdentity::score).reversed().thenComparing(ScoredIdentity::enterpriseId))
                .toList();
    }

    private String newIdentity(Connection connection, RegisteredRecord record, String actor, Instant now) throws SQLException {
        String enterpriseId = UUID.randomUUID().toString();
        identities.create(connection, enterpriseId, Survivorship.of(List.of(record)), 1, now);
        Link link = new Link(record.key(), enterpriseId, Link.Method.FIRST, null, null, null, now);
        links.put(connection, link);
        events.append(connection, new MpiEvent.RecordRegistered(enterpriseId, record.key(),
                record.traits().hasInvalidResidentId(), false), actor, now);
        events.append(connection, new MpiEvent.IdentityCreated(enterpriseId, record.key()), actor, now);
        events.append(connection, new MpiEvent.RecordLinked(enterpriseId, link), actor, now);
        return enterpriseId;
    }

    private long openReview(Connection connection, RecordKey record, ScoredIdentity candidate, String actor, Instant now)
            throws SQLException {
        long task = reviews.open(connection, record, candidate.enterpriseId(), candidate.matched(), candidate.score(),
                candidate.vector(), now);
        events.append(connection, new MpiEvent.ReviewOpened(candidate.enterpriseId(), task, record, candidate.matched(),
                candidate.score(), candidate.vector()), actor, now);
        return task;
    }

    void refreshGolden(Connection connection, String enterpriseId, Instant now) throws SQLException {
        List<RegisteredRecord> held = records.ofEnterprise(connection, enterpriseId);
        identities.update(connection, enterpriseId, Survivorship.of(held), held.size(), now);
    }

    /** A record must carry enough to be matched at all: a valid resident ID, or a name and a birth date. */
    static void requireMatchable(RegisteredRecord record) {
        IdentityRecord traits = record.traits();
        boolean named = present(traits.nameZh()) || present(traits.namePinyin());
        if (traits.residentId() == null && !(named && traits.birthDate() != null)) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID, record.key() + ": cannot be matched without a valid resident ID"
                    + " or a name and birth date (has " + (traits.hasInvalidResidentId() ? "an invalid resident ID" : "no resident ID")
                    + (named ? ", a name" : ", no name") + (traits.birthDate() != null ? ", a birth date" : ", no birth date") + ")");
        }
    }

    private static void requirePurpose(String purposeOfUse) {
        if (purposeOfUse == null || purposeOfUse.isBlank()) {
            throw new IndexRefusal(IndexRefusal.Kind.INVALID,
                    "purpose_of_use is required to locate a person's records (HL7 v3 PurposeOfUse, e.g. TREAT)");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    static <T> T require(Optional<T> value, String what) {
        return value.orElseThrow(() -> new IndexRefusal(IndexRefusal.Kind.NOT_FOUND, what + " not found"));
    }
}
