package rhix.audit.chain;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rhix.region.NodeId;

/**
 * Command line: verifies a node's audit chain and prints the report. Exit status: 0 valid, 1 broken, 2 usage error
 * (missing or bad option, unreadable key), 3 the database could not be read.
 *
 * <pre>
 * java -cp exchange-core.jar:… rhix.audit.chain.VerifyAuditChain --jdbc-url jdbc:postgresql://127.0.0.1:5432/node \
 *     --user postgres --node-id county-330102 --public-key node.pub.pem [--password …] [--witnessed-position N]
 * </pre>
 */
public final class VerifyAuditChain {

    public static final int VALID = 0;
    public static final int BROKEN = 1;
    public static final int USAGE_ERROR = 2;
    public static final int UNREADABLE = 3;

    private static final Set<String> REQUIRED = Set.of("--jdbc-url", "--user", "--node-id", "--public-key");
    private static final Set<String> OPTIONAL = Set.of("--password", "--witnessed-position");
    private static final String USAGE = "usage: VerifyAuditChain --jdbc-url URL --user USER --node-id NODE "
            + "--public-key PEM [--password PASSWORD] [--witnessed-position N]";

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** The whole command, without {@code System.exit}, so that tests can run it. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        NodeId nodeId;
        PublicKey publicKey;
        long witnessedPosition;
        try {
            options = parse(args);
            nodeId = NodeId.of(options.get("--node-id"));
            publicKey = NodeSigningKey.loadPublicKey(Path.of(options.get("--public-key")));
            witnessedPosition = Long.parseLong(options.getOrDefault("--witnessed-position", "0"));
        } catch (IllegalArgumentException | IOException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return USAGE_ERROR;
        }
        try (HikariDataSource dataSource = dataSource(options)) {
            AuditChainReport report = new AuditChainVerifier(dataSource).verify(nodeId, publicKey, witnessedPosition);
            out.print(report.describe());
            return report.isValid() ? VALID : BROKEN;
        } catch (RuntimeException e) {
            err.println("could not verify the audit chain of " + nodeId + ": " + e.getMessage());
            return UNREADABLE;
        }
    }

    private static Map<String, String> parse(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                throw new IllegalArgumentException("unknown option: " + name);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            options.put(name, args.get(i + 1));
        }
        for (String name : REQUIRED) {
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("missing option: " + name);
            }
        }
        return options;
    }

    private static HikariDataSource dataSource(Map<String, String> options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.get("--jdbc-url"));
        config.setUsername(options.get("--user"));
        config.setPassword(options.getOrDefault("--password", ""));
        config.setMaximumPoolSize(1);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        config.setPoolName("verify-audit-chain");
        return new HikariDataSource(config);
    }

    private VerifyAuditChain() {
    }
}
