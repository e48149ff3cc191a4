package rhix.mpi.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rhix.api.mpi.v1.Gender;
import rhix.api.mpi.v1.LinkOutcome;
import rhix.api.mpi.v1.LocalIdentity;
import rhix.api.mpi.v1.RegisterIdentitiesRequest;
import rhix.api.mpi.v1.RegisteredIdentity;
import rhix.mpi.MpiTestService;
import rhix.mpi.link.GeneratedPopulation;
import rhix.mpi.link.PairwiseEvaluation;
import rhix.mpi.match.IdentityRecord;
import rhix.synthetic.RegionSpec;

/**
 * Bulk mode end to end on PostgreSQL: a generated region registered with deferred matching, linked by a
 * run started over HTTP and watched to the end; then incremental matching carries on with the estimated model.
 */
class BulkLinkageServiceTest {

    private static MpiTestService mpi;
    private static BlockingHttpClient http;
    private static GeneratedPopulation population;

    @BeforeAll
    static void start() {
        mpi = MpiTestService.start("mpi_bulk");
        http = HttpClient.create(mpi.bean(EmbeddedServer.class).getURL()).toBlocking();
        population = GeneratedPopulation.generate(RegionSpec.of(1_500).withSeed(7));
    }

    @AfterAll
    static void stop() {
        mpi.close();
    }

    @Test
    void aDeferredLoadIsLinkedByABulkRunWithProgressAndTheEstimatedModelTakesOver() throws Exception {
        List<IdentityRecord> records = population.records();
        // The last record of a person with several records arrives later, incrementally.
        int late = lastRecordOfAPersonWithSeveral();
        List<LocalIdentity> deferred = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (i != late) {
                deferred.add(identity(records.get(i)));
            }
        }
        for (int from = 0; from < deferred.size(); from += 1_000) {
            List<RegisteredIdentity> outcomes = mpi.stub("loader").registerIdentities(RegisterIdentitiesRequest.newBuilder()
                    .setDeferMatching(true).addAllIdentities(deferred.subList(from, Math.min(deferred.size(), from + 1_000)))
                    .build()).getIdentitiesList();
            assertThat(outcomes).allSatisfy(outcome -> {
                assertThat(outcome.getOutcome()).isEqualTo(LinkOutcome.LINK_OUTCOME_DEFERRED);
                assertThat(outcome.getEnterpriseId()).isEmpty();
            });
        }
        assertThat(count("SELECT count(*) FROM identity_link")).isZero();

        BulkLinkageRun started = http.retrieve(HttpRequest.POST("/mpi/linkage/bulk", "").header("X-User", "admin-wu"),
                BulkLinkageRun.class);
        Set<String> phasesSeen = new LinkedHashSet<>();
        BulkLinkageRun run = started;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (run.state() == BulkLinkageRun.State.RUNNING && System.nanoTime() < deadline) {
            phasesSeen.add(run.phase());
            Thread.sleep(20);
            run = http.retrieve(HttpRequest.GET("/mpi/linkage/bulk/" + started.runId()), BulkLinkageRun.class);
        }

        assertThat(run.state()).as(String.valueOf(run.error())).isEqualTo(BulkLinkageRun.State.SUCCEEDED);
        assertThat(run.summary().linkedRecords()).isEqualTo(deferred.size());
        assertThat(run.summary().emIterations()).isPositive();
        assertThat(phasesSeen).isNotEmpty();
        assertThat(count("SELECT count(*) FROM identity_link WHERE method IN ('BULK', 'FIRST')")).isEqualTo(deferred.size());
        assertThat(count("SELECT count(*) FROM mpi_event WHERE event_type = 'RecordsBulkLinked'"))
                .isEqualTo(count("SELECT count(*) FROM enterprise_identity"));
        assertThat(evaluation().f1()).isGreaterThanOrEqualTo(0.97);
        assertThat(mpi.bean(ActivePolicy.class).policy().source()).isEqualTo("EM");
        assertThat(mpi.bean(ActivePolicy.class).policy().modelId()).isEqualTo(run.summary().modelId());

        RegisteredIdentity arriving = mpi.stub("county").registerIdentities(RegisterIdentitiesRequest.newBuilder()
                .addIdentities(identity(records.get(late))).build()).getIdentities(0);
        assertThat(arriving.getEnterpriseId()).isEqualTo(enterpriseOf(samePersonAs(late)));
    }

    @Test
    void aSecondRunWhileOneIsRunningIsRefusedAndARunWithNothingWaitingChangesNothing() throws SQLException {
        long links = count("SELECT count(*) FROM identity_link");
        BulkLinkageRun idle = mpi.bean(BulkLinkage.class).runNow("admin");

        assertThat(idle.state()).isEqualTo(BulkLinkageRun.State.SUCCEEDED);
        assertThat(idle.summary().linkedRecords()).isZero();
        assertThat(count("SELECT count(*) FROM identity_link")).isEqualTo(links);
        assertThatThrownBy(() -> http.retrieve(HttpRequest.POST("/mpi/linkage/bulk", ""), Object.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(400));
        assertThatThrownBy(() -> http.retrieve(HttpRequest.GET("/mpi/linkage/bulk/no-such-run"), Object.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
    }

    private static PairwiseEvaluation evaluation() throws SQLException {
        Map<String, Integer> clusterOfKey = new HashMap<>();
        Map<String, Integer> numbered = new HashMap<>();
        try (Connection connection = mpi.database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT node_id, local_id, enterprise_id FROM identity_link")) {
            while (rows.next()) {
                int cluster = numbered.computeIfAbsent(rows.getString(3), id -> numbered.size());
                clusterOfKey.put(rows.getString(1) + "/" + rows.getString(2), cluster);
            }
        }
        List<IdentityRecord> records = population.records();
        List<Integer> clusters = new ArrayList<>();
        List<Long> persons = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Integer cluster = clusterOfKey.get(records.get(i).nodeId() + "/" + records.get(i).localId());
            if (cluster != null) {
                clusters.add(cluster);
                persons.add(population.personOf()[i]);
            }
        }
        return PairwiseEvaluation.of(clusters.stream().mapToInt(Integer::intValue).toArray(),
                persons.stream().mapToLong(Long::longValue).toArray());
    }

    private static int lastRecordOfAPersonWithSeveral() {
        long[] personOf = population.personOf();
        for (int i = personOf.length - 1; i > 0; i--) {
            for (int j = i - 1; j >= 0; j--) {
                if (personOf[j] == personOf[i]) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("nobody has two records");
    }

    private static int samePersonAs(int record) {
        long[] personOf = population.personOf();
        for (int i = 0; i < personOf.length; i++) {
            if (i != record && personOf[i] == personOf[record]) {
                return i;
            }
        }
        throw new IllegalStateException("alone");
    }

    private static String enterpriseOf(int record) throws SQLException {
        IdentityRecord traits = population.records().get(record);
        try (Connection connection = mpi.database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT enterprise_id FROM identity_link WHERE node_id = '"
                     + traits.nodeId() + "' AND local_id = '" + traits.localId() + "'")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    static LocalIdentity identity(IdentityRecord record) {
        LocalIdentity.Builder identity = LocalIdentity.newBuilder().setNodeId(record.nodeId()).setLocalId(record.localId());
        if (record.nameZh() != null) {
            identity.setNameZh(record.nameZh());
        }
        if (record.namePinyin() != null) {
            identity.setNamePinyin(record.namePinyin());
        }
        if (record.rawResidentId() != null) {
            identity.setResidentId(record.rawResidentId());
        }
        if (record.birthDate() != null) {
            identity.setBirthDate(record.birthDate().toString());
        }
        if (record.phone() != null) {
            identity.setPhone(record.phone());
        }
        if (record.divisionCode() != null) {
            identity.setDivisionCode(record.divisionCode());
        }
        identity.setGender("male".equals(record.gender()) ? Gender.GENDER_MALE
                : "female".equals(record.gender()) ? Gender.GENDER_FEMALE : Gender.GENDER_UNSPECIFIED);
        return identity.build();
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = mpi.database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
