package rhix.mpi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rhix.bench.BenchmarkReport;
import rhix.bench.BenchmarkResult;
import rhix.fhir.RhixNamingSystems;
import rhix.mpi.MpiTestService;
import rhix.mpi.api.fhir.MpiFhirServer;
import rhix.mpi.index.BulkLinkage;
import rhix.mpi.index.BulkLinkageRun;
import rhix.mpi.index.MasterPatientIndex;
import rhix.mpi.index.RegisteredRecord;
import rhix.mpi.link.DeterministicLinker;
import rhix.mpi.link.GeneratedPopulation;
import rhix.mpi.link.PairwiseEvaluation;
import rhix.mpi.match.IdentityRecord;
import rhix.synthetic.RegionSpec;

/**
 * The MPI service end to end on PostgreSQL, at a million records: a deferred load, a bulk linkage run
 * (loading every record from the store, linking, writing identities, links, events; goal under 5 minutes),
 * its F1 against ground truth next to the deterministic baseline's, then {@code Patient/$match} over HTTP
 * with a million identities loaded (goal p95 under 50 ms) against the same matching called in process.
 * Run: {@code ./mvnw -B -ntp -o -pl mpi-service -am verify -Pbench -Dtest=MpiServiceBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (size: {@code -Drhix.bench.records=N}). Writes
 * {@code mpi-service/target/bench/mpi-service.json}.
 */
@Tag("benchmark")
class MpiServiceBenchmark {

    private static final int RECORDS = Integer.getInteger("rhix.bench.records", 1_000_000);
    private static final double RECORDS_PER_PERSON = 1.80;
    private static final int PROBES = Integer.getInteger("rhix.bench.match-probes", 2_000);
    private static final int WARM_UP = 300;

    @Test
    void bulkLinkAMillionRecordsThenMatchAgainstThem() throws Exception {
        GeneratedPopulation population = GeneratedPopulation.generate(RegionSpec.of((int) Math.round(RECORDS / RECORDS_PER_PERSON)));
        List<IdentityRecord> records = population.records();
        List<BenchmarkResult> results = new ArrayList<>();
        try (MpiTestService mpi = MpiTestService.start("mpi_bench")) {
            MasterPatientIndex index = mpi.bean(MasterPatientIndex.class);
            long loadStarted = System.nanoTime();
            Instant now = Instant.now();
            for (int from = 0; from < records.size(); from += 5_000) {
                List<RegisteredRecord> batch = new ArrayList<>(5_000);
                for (IdentityRecord record : records.subList(from, Math.min(records.size(), from + 5_000))) {
                    batch.add(new RegisteredRecord(record, "H" + record.nodeId(), "urn:bench:" + record.nodeId(), record.localId(), now));
                }
                index.registerDeferred(batch, "bench");
            }
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

            BulkLinkageRun run = mpi.bean(BulkLinkage.class).runNow("bench");
            assertThat(run.state()).as(String.valueOf(run.error())).isEqualTo(BulkLinkageRun.State.SUCCEEDED);
            PairwiseEvaluation scores = evaluate(mpi, population);
            DeterministicLinker.Result baseline = new DeterministicLinker().link(records);
            PairwiseEvaluation baselineScores = PairwiseEvaluation.of(baseline.clusterOf(), population.personOf());
            long persons = Arrays.stream(population.personOf()).distinct().count();
            String notes = String.format(Locale.ROOT, "%,d records (%,d persons, noise %.1f) loaded deferred in %.1f s; bulk run %s;"
                            + " pairwise P %.5f R %.5f F1 %.5f (deterministic P %.5f R %.5f F1 %.5f); %d cores", records.size(), persons,
                    RegionSpec.DEFAULT_NOISE_RATE, loadSeconds, run.summary(), scores.precision(), scores.recall(), scores.f1(),
                    baselineScores.precision(), baselineScores.recall(), baselineScores.f1(), Runtime.getRuntime().availableProcessors());
            results.add(figure("service.bulk.seconds", run.summary().seconds(), "s", "service.bulk.linker_seconds",
                    run.summary().linkerSeconds(), notes));
            results.add(figure("service.bulk.records_per_second", records.size() / run.summary().seconds(), "records/s",
                    "service.deferred_load.records_per_second", records.size() / loadSeconds, notes));
            results.add(figure("service.bulk.f1", scores.f1(), "ratio", "deterministic.f1", baselineScores.f1(), notes));
            results.add(figure("service.bulk.precision", scores.precision(), "ratio", "deterministic.precision",
                    baselineScores.precision(), notes));
            results.add(figure("service.bulk.recall", scores.recall(), "ratio", "deterministic.recall", baselineScores.recall(), notes));

            List<IdentityRecord> probes = new ArrayList<>();
            for (int i = 0; i < PROBES + WARM_UP; i++) {
                probes.add(records.get((int) ((long) i * 7_919 % records.size())));
            }
            List<Double> inProcess = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                long started = System.nanoTime();
                index.match(probes.get(i), 5);
                if (i >= WARM_UP) {
                    inProcess.add((System.nanoTime() - started) / 1e6);
                }
            }
            IParser json = FhirContext.forR4Cached().newJsonParser();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI match = URI.create(mpi.bean(MpiFhirServer.class).baseUrl() + "/Patient/$match");
            List<Double> overHttp = new ArrayList<>();
            int found = 0;
            for (int i = 0; i < probes.size(); i++) {
                String body = json.encodeResourceToString(parameters(probes.get(i)));
                long started = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(match).header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                double millis = (System.nanoTime() - started) / 1e6;
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                if (i >= WARM_UP) {
                    overHttp.add(millis);
                    Bundle bundle = json.parseResource(Bundle.class, response.body());
                    if (bundle.getEntry().stream().anyMatch(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)) {
                        found++;
                    }
                }
            }
            String matchNotes = String.format(Locale.ROOT, "%,d $match calls over HTTP (FHIR JSON, one client, keep-alive, security off"
                    + " as in the test configuration) after %d warm-up, probes drawn across the %,d records; %d found a match;"
                    + " baseline: MasterPatientIndex.match in process", PROBES, WARM_UP, records.size(), found);
            results.add(figure("service.match.p95_ms", percentile(overHttp, 0.95), "ms", "in_process.match.p95_ms",
                    percentile(inProcess, 0.95), matchNotes));
            results.add(figure("service.match.p50_ms", percentile(overHttp, 0.50), "ms", "in_process.match.p50_ms",
                    percentile(inProcess, 0.50), matchNotes));
            BenchmarkReport.write("mpi-service", results);
            results.forEach(r -> System.out.printf(Locale.ROOT, "%s = %.4f %s (baseline %s = %.4f, ratio %.4f)%n", r.name(), r.value(),
                    r.unit(), r.baselineName(), r.baselineValue(), r.ratio()));
            assertThat(found).isEqualTo(PROBES);
        }
    }

    private static Parameters parameters(IdentityRecord record) {
        Patient patient = new Patient();
        var name = patient.addName();
        if (record.nameZh() != null) {
            name.setText(record.nameZh());
        }
        if (record.namePinyin() != null) {
            name.addExtension(RhixNamingSystems.PINYIN_EXTENSION, new StringType(record.namePinyin()));
        }
        if (record.gender() != null) {
            patient.setGender(Enumerations.AdministrativeGender.fromCode(record.gender()));
        }
        if (record.birthDate() != null) {
            patient.setBirthDateElement(new DateType(record.birthDate().toString()));
        }
        if (record.rawResidentId() != null) {
            patient.addIdentifier().setSystem(RhixNamingSystems.RESIDENT_ID).setValue(record.rawResidentId());
        }
        if (record.phone() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(record.phone());
        }
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(patient);
        return parameters;
    }

    private static PairwiseEvaluation evaluate(MpiTestService mpi, GeneratedPopulation population) throws Exception {
        Map<String, Integer> clusterOfKey = new HashMap<>(population.records().size() * 2);
        Map<String, Integer> numbered = new HashMap<>();
        try (Connection connection = mpi.database().connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery("SELECT node_id, local_id, enterprise_id FROM identity_link")) {
                while (rows.next()) {
                    int cluster = numbered.computeIfAbsent(rows.getString(3), id -> numbered.size());
                    clusterOfKey.put(rows.getString(1) + "/" + rows.getString(2), cluster);
                }
            }
        }
        List<IdentityRecord> records = population.records();
        int[] clusterOf = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            clusterOf[i] = clusterOfKey.get(records.get(i).nodeId() + "/" + records.get(i).localId());
        }
        return PairwiseEvaluation.of(clusterOf, population.personOf());
    }

    private static double percentile(List<Double> values, double quantile) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }

    private static BenchmarkResult figure(String name, double value, String unit, String baselineName, double baseline, String notes) {
        return new BenchmarkResult(name, value, unit, baselineName, baseline, List.of(value), List.of(baseline), notes);
    }
}
