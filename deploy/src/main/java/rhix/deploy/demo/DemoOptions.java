package rhix.deploy.demo;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The demo's command line.
 *
 * @param persons    residents in the synthetic region (default 2,000)
 * @param seed       generator seed (default 42)
 * @param store      AUTO (PostgreSQL at {@code pgAdminUrl} when it answers, else embedded H2), POSTGRES or EMBEDDED
 * @param basePort   HTTP ports are basePort..basePort+6, gRPC basePort+100..+106, FHIR basePort+200..+206 (default 18080)
 * @param workDir    where the region's files and the nodes' logs go (default target/demo-region)
 * @param exitWhenLoaded stop after printing the table instead of running until Ctrl-C (for smoke tests)
 */
record DemoOptions(int persons, long seed, StoreChoice store, String pgAdminUrl, int basePort, Path workDir,
                   boolean exitWhenLoaded) {

    enum StoreChoice { AUTO, POSTGRES, EMBEDDED }

    static final String USAGE = "usage: demo-region [--persons N] [--seed S] [--store auto|postgres|embedded]"
            + " [--pg-admin-url jdbc:postgresql://127.0.0.1:5432/postgres] [--base-port 18080] [--work-dir DIR] [--exit-when-loaded]";

    static DemoOptions parse(String[] args) {
        int persons = 2000;
        long seed = 42;
        StoreChoice store = StoreChoice.AUTO;
        String pgAdminUrl = "jdbc:postgresql://127.0.0.1:5432/postgres";
        int basePort = 18080;
        Path workDir = Path.of("target", "demo-region");
        boolean exitWhenLoaded = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--exit-when-loaded")) {
                exitWhenLoaded = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--persons" -> persons = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--store" -> store = StoreChoice.valueOf(value.toUpperCase(Locale.ROOT));
                case "--pg-admin-url" -> pgAdminUrl = value;
                case "--base-port" -> basePort = Integer.parseInt(value);
                case "--work-dir" -> workDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        return new DemoOptions(persons, seed, store, pgAdminUrl, basePort, workDir, exitWhenLoaded);
    }
}
