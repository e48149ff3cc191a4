package rhix.deploy.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import rhix.fhir.facade.security.TokenRequest;

/**
 * {@code ./deploy/demo-token.sh --sub dr-li --scope 'user/*.rs' --purpose TREAT}: prints a bearer token
 * for the demo region's FHIR API, signed with the region key the demo made, and nothing else on standard
 * output, so that {@code TOKEN=$(./deploy/demo-token.sh …)} works.
 */
public final class DemoToken {

    static final String USAGE = "usage: demo-token --sub SUBJECT --scope 'user/*.rs' [--purpose TREAT] [--patient ID]"
            + " [--client CLIENT_ID] [--audience AUD] [--lifetime 1h|30m|PT2H] [--work-dir target/demo-region]";

    private DemoToken() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the process exit status: 0, or 2 for a usage error and 1 when there is no region key */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String subject = null;
        String scope = null;
        String purpose = "TREAT";
        String patient = null;
        String client = "demo-cli";
        String audience = null;
        Duration lifetime = TokenRequest.DEFAULT_LIFETIME;
        Path workDir = Path.of("target", "demo-region");
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--sub" -> subject = value;
                    case "--scope" -> scope = value;
                    case "--purpose" -> purpose = value;
                    case "--patient" -> patient = value;
                    case "--client" -> client = value;
                    case "--audience" -> audience = value;
                    case "--lifetime" -> lifetime = duration(value);
                    case "--work-dir" -> workDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (subject == null || scope == null) {
                throw new IllegalArgumentException("--sub and --scope are required");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "; " + USAGE);
            return 2;
        }
        Instant now = Instant.now();
        TokenRequest request = TokenRequest.of(subject, scope, purpose).withClientId(client).validBetween(now, now.plus(lifetime));
        if (patient != null) {
            request = request.withPatient(patient);
        }
        if (audience != null) {
            request = request.withAudience(audience);
        }
        try {
            out.println(RegionTokenAuthority.open(workDir).issuer().sign(request));
            return 0;
        } catch (Exception e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static Duration duration(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("pt")) {
                return Duration.parse(text);
            }
            long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
            return switch (lower.charAt(lower.length() - 1)) {
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 's' -> Duration.ofSeconds(amount);
                default -> throw new IllegalArgumentException("--lifetime: " + text + " is not like 1h, 30m or PT2H");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--lifetime: " + text + " is not like 1h, 30m or PT2H");
        }
    }
}
