package rhix.synthetic;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line: {@code GenerateRegion --persons 1000 --seed 42 --out target/region [--format ndjson|bundle]
 * [--bundle-size 1000] [--noise 0.3] [--legacy-share 0.1] [--invalid-id-share 0] [--as-of 2026-11-01]}.
 */
public final class GenerateRegion {

    private static final Logger LOG = LoggerFactory.getLogger(GenerateRegion.class);

    public static void main(String[] args) throws Exception {
        RegionSpec defaults = RegionSpec.of(1000);
        int persons = defaults.persons();
        long seed = defaults.seed();
        double noise = defaults.noiseRate();
        double legacy = defaults.legacyIdShare();
        double invalid = defaults.invalidIdShare();
        LocalDate asOf = defaults.asOf();
        Path out = Path.of("target", "region");
        OutputFormat format = OutputFormat.NDJSON;
        int bundleSize = 1000;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--persons" -> persons = Integer.parseInt(require(args[i], value));
                case "--seed" -> seed = Long.parseLong(require(args[i], value));
                case "--noise" -> noise = Double.parseDouble(require(args[i], value));
                case "--legacy-share" -> legacy = Double.parseDouble(require(args[i], value));
                case "--invalid-id-share" -> invalid = Double.parseDouble(require(args[i], value));
                case "--as-of" -> asOf = LocalDate.parse(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                case "--format" -> format = OutputFormat.valueOf(require(args[i], value).toUpperCase(Locale.ROOT));
                case "--bundle-size" -> bundleSize = Integer.parseInt(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --persons --seed --out --format --bundle-size --noise --legacy-share --invalid-id-share --as-of)");
            }
            i++;
        }
        RegionSpec spec = new RegionSpec(seed, persons, noise, legacy, invalid, asOf);
        long started = System.nanoTime();
        DirectoryRegionSink sink = new DirectoryRegionSink(out, format, bundleSize);
        new SyntheticRegion(spec).generate(sink, done -> LOG.info("{} of {} persons", done, spec.persons()));
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("Generated {} persons, {} resources into {} in {} s ({} persons/s)", spec.persons(), sink.resourceCount(),
                out.toAbsolutePath(), String.format(Locale.ROOT, "%.1f", seconds),
                String.format(Locale.ROOT, "%.0f", spec.persons() / seconds));
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private GenerateRegion() {
    }
}
