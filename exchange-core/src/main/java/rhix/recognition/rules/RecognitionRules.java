package rhix.recognition.rules;

import rhix.recognition.api.NotRecognisedReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The mutual recognition rule table (检查检验结果互认): per item, how long a result stays valid, on which
 * specimens and with which methods it is accepted, the minimum quality tier of the producer, and what a
 * repeat would cost. Shipped as {@code recognition/rules.json}; a commission replaces it with its own
 * file ({@link #load(Path)}).
 *
 * <p>{@link #judge} checks in a fixed order and reports the first failure, so the same result always
 * gets the same reason: the code (unmapped, or no rule for it), then the validity window, then the
 * specimen, the method, and last the producer's quality tier. The order goes from what no one can fix
 * (an old result stays old) to what the region's quality work can (a laboratory's tier).
 */
public final class RecognitionRules {

    public static final String RESOURCE = "recognition/rules.json";
    /** Dates in verdict details are the hospitals' local dates. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final Map<ItemCode, RecognitionRule> rules;
    private final ZoneId zone;

    public RecognitionRules(Collection<RecognitionRule> rules, ZoneId zone) {
        Map<ItemCode, RecognitionRule> byItem = new LinkedHashMap<>();
        for (RecognitionRule rule : rules) {
            if (byItem.putIfAbsent(rule.item(), rule) != null) {
                throw new IllegalArgumentException("two rules for " + rule.item());
            }
        }
        this.rules = Collections.unmodifiableMap(byItem);
        this.zone = Objects.requireNonNull(zone, "zone is null");
    }

    /** The table shipped with the platform. */
    public static RecognitionRules load() {
        try (InputStream in = RecognitionRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return RecognitionRuleFile.read(RESOURCE, in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": cannot be read", e);
        }
    }

    /** A commission's own table. */
    public static RecognitionRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return RecognitionRuleFile.read(file.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
    }

    public Optional<RecognitionRule> rule(ItemCode item) {
        return Optional.ofNullable(rules.get(item));
    }

    public Collection<RecognitionRule> all() {
        return rules.values();
    }

    /**
     * Judges an offered result at {@code now}. A result is within its window while
     * {@code now - effectiveTime <= validForDays × 24 h}: exactly at the edge it is still recognised.
     *
     * @throws IllegalArgumentException when the result's effective time is after {@code now}: a result
     *                                  from the future is a data error for the producer, not a verdict
     */
    public Verdict judge(OfferedResult offered, Instant now) {
        Objects.requireNonNull(offered, "offered is null");
        Objects.requireNonNull(now, "now is null");
        if (offered.item().isEmpty()) {
            return notRecognised(NotRecognisedReason.UNMAPPED_CODE, "local code " + offered.sourceCode()
                    + " has no mapping to a standard code; map it in the terminology server to have it recognised");
        }
        RecognitionRule rule = rules.get(offered.item().get());
        if (rule == null) {
            return notRecognised(NotRecognisedReason.UNMAPPED_CODE, "local code " + offered.sourceCode() + " maps to "
                    + offered.item().get() + ", for which there is no recognition rule");
        }
        Duration age = Duration.between(offered.effectiveTime(), now);
        if (age.isNegative()) {
            throw new IllegalArgumentException(rule.label() + " taken at " + offered.effectiveTime()
                    + " is dated after now (" + now + ")");
        }
        if (age.compareTo(rule.validity()) > 0) {
            return notRecognised(NotRecognisedReason.EXPIRED, rule.label() + " taken "
                    + DAY.format(offered.effectiveTime().atZone(zone)) + " is " + describeAge(age, rule.validForDays())
                    + " old; recognised for " + rule.validForDays() + " days");
        }
        // An unstated specimen passes: the item's LOINC code names its system (Ser/Plas, Bld), so a result coded to
        // it was measured on one; a stated specimen the rule does not accept is another matter. A method is not
        // fixed by the code, so an unstated one cannot be shown equivalent and fails below.
        Optional<String> specimen = offered.specimen().map(RecognitionRules::normalised);
        if (!rule.specimens().isEmpty() && specimen.isPresent() && !rule.specimens().contains(specimen.get())) {
            return notRecognised(NotRecognisedReason.DIFFERENT_SPECIMEN, rule.label() + " on specimen " + specimen.get()
                    + "; recognised on " + String.join(", ", new TreeSet<>(rule.specimens())));
        }
        Optional<String> method = offered.method().map(RecognitionRules::normalised);
        if (!rule.methods().isEmpty() && (method.isEmpty() || !rule.methods().contains(method.get()))) {
            return notRecognised(NotRecognisedReason.DIFFERENT_METHOD, rule.label() + " by "
                    + method.map(m -> "method " + m).orElse("an unstated method")
                    + "; recognised by " + String.join(", ", new TreeSet<>(rule.methods())));
        }
        if (!offered.producerTier().isAtLeast(rule.minimumTier())) {
            return notRecognised(NotRecognisedReason.QUALITY_TIER_NOT_ACCEPTED, rule.label() + " from a producer at tier "
                    + offered.producerTier() + "; recognised from " + rule.minimumTier() + " or better");
        }
        return new Verdict.Recognised(rule, rule.costCny());
    }

    /** Whole days, and just past the edge the part of a day too: "90 days" alone would read as within 90 days. */
    private static String describeAge(Duration age, int validForDays) {
        long days = age.toDays();
        if (days > validForDays) {
            return count(days, "day");
        }
        Duration beyond = age.minusDays(days);
        String part = beyond.toHours() > 0 ? count(beyond.toHours(), "hour")
                : beyond.toMinutes() > 0 ? count(beyond.toMinutes(), "minute")
                : count(Math.max(1, beyond.toSeconds()), "second");
        return count(days, "day") + " and " + part;
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String normalised(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    private static Verdict notRecognised(NotRecognisedReason reason, String detail) {
        return new Verdict.NotRecognised(reason, detail);
    }
}
