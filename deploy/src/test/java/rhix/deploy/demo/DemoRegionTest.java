package rhix.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rhix.fhir.facade.security.AccessToken;
import rhix.fhir.facade.security.BearerTokenVerifier;
import rhix.fhir.facade.security.TokenPolicy;
import rhix.fhir.facade.security.VerificationKeys;

/**
 * The demo region end to end, as the README runs it: a real launcher process starting seven real
 * node agents, loading a small region, and printing the table. About a minute on 2 cores.
 */
class DemoRegionTest {

    @Test
    void theDemoBringsUpSevenNodesWithDataAndPrintsTheTable(@TempDir Path workDir) throws Exception {
        int basePort = freeBasePort();
        Path output = workDir.resolve("demo.out");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DemoRegion.class.getName(),
                "--persons", "300", "--base-port", Integer.toString(basePort), "--work-dir", workDir.toString(),
                "--exit-when-loaded")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        boolean finished = demo.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
            demo.destroyForcibly();
        }
        String printed = Files.readString(output);

        assertThat(finished).as("the demo finished; output:\n" + printed).isTrue();
        assertThat(demo.exitValue()).as(printed).isZero();
        List<String> tableRows = printed.lines().filter(line -> line.matches("^(province|city|county)-\\d{6} .*")).toList();
        assertThat(tableRows).hasSize(7);
        assertThat(tableRows).filteredOn(line -> !line.startsWith("province")).allSatisfy(line ->
                assertThat(line).endsWith("ALIVE"));
        assertThat(printed).contains("store: ").contains("Region up with data in");
        assertThat(workDir.resolve("region/ground-truth.csv")).exists();
        assertThat(workDir.resolve("logs/county-330102.log")).exists();
        assertThat(printed).contains("FHIR API check on county-").contains("401 without a token, 200 with a region token");
        assertThat(printed).contains("$validate check on county-").contains("LOINC 2345-7 passes, 99999-9 is refused by the terminology server");
        assertThat(printed).contains("Mutual recognition check: ").contains("$recognizable-results (exchange ")
                .contains("audit chain verifies");
        assertThat(printed).contains("TOKEN=$(./deploy/demo-token.sh");
        assertThat(workDir.resolve("security/region-jwks.json")).exists();
        assertThat(Files.getPosixFilePermissions(workDir.resolve("security/region-signing-key.jwk")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE);
        assertThat(demoToken(workDir, "--sub", "dr-li", "--scope", "user/*.rs", "--purpose", "TREAT"))
                .satisfies(token -> assertThat(verify(workDir, token).subject()).isEqualTo("dr-li"));
        dropDemoDatabases(basePort);
    }

    private static void dropDemoDatabases(int basePort) throws java.sql.SQLException {
        String adminUrl = "jdbc:postgresql://127.0.0.1:5432/postgres";
        try (var admin = java.sql.DriverManager.getConnection(adminUrl, "postgres", "");
             var select = admin.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
            select.setString(1, NodeStores.databasePrefix(basePort) + "%");
            List<String> names = new java.util.ArrayList<>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            try (var statement = admin.createStatement()) {
                for (String name : names) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        }
    }

    @Test
    void demoTokenNamesWhatIsMissing(@TempDir Path workDir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(DemoToken.run(new String[] {"--scope", "user/*.rs"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString()).contains("--sub and --scope are required");
        assertThat(DemoToken.run(new String[] {"--sub", "a", "--scope", "user/*.rs", "--work-dir", workDir.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).isEqualTo(1);
        assertThat(err.toString()).contains("start the demo region first");
    }

    private static String demoToken(Path workDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] withWorkDir = Stream.concat(Arrays.stream(args), Stream.of("--work-dir",
                workDir.toString())).toArray(String[]::new);
        assertThat(DemoToken.run(withWorkDir, new PrintStream(out), System.err)).isZero();
        return out.toString().trim();
    }

    private static AccessToken verify(Path workDir, String token) throws Exception {
        return new BearerTokenVerifier(
                VerificationKeys.fromFile(workDir.resolve("security/region-jwks.json")),
                new TokenPolicy(RegionTokenAuthority.ISSUER, Optional.empty(),
                        Duration.ofSeconds(60), true)).verify(token);
    }

    @Test
    void aWrongOptionIsNamedWithTheUsage() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--people", "5"}))
                .hasMessageContaining("unknown option --people").hasMessageContaining("--persons");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--persons"})).hasMessageContaining("--persons needs a value");
        assertThat(DemoOptions.parse(new String[] {"--store", "embedded"}).store()).isEqualTo(DemoOptions.StoreChoice.EMBEDDED);
    }

    /** Seven HTTP ports from base, seven gRPC ports from base + 100, seven FHIR ports from base + 200, all free now. */
    private static int freeBasePort() throws IOException {
        for (int base = 21000 + (int) (ProcessHandle.current().pid() % 50) * 200; base < 60000; base += 200) {
            if (allFree(base) && allFree(base + 100) && allFree(base + 200)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range for the demo");
    }

    private static boolean allFree(int from) {
        for (int port = from; port < from + 7; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
