package rhix.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RegionSpecTest {

    @Test
    void defaultsAreSeed42ThirtyPercentNoiseTenPercentLegacyNoInvalidIdsNdjson() {
        RegionSpec spec = RegionSpec.of(1000);

        assertThat(spec).isEqualTo(new RegionSpec(42, 1000, 0.3, 0.1, 0.0, LocalDate.of(2026, 11, 1), OutputFormat.NDJSON, 1000));
    }

    @Test
    void withersChangeOneFieldOnly() {
        RegionSpec spec = RegionSpec.of(10).withSeed(7).withPersons(20).withNoiseRate(0.5).withLegacyIdShare(0.2)
                .withInvalidIdShare(0.05).withAsOf(LocalDate.of(2020, 1, 1)).withFormat(OutputFormat.BUNDLE).withBundleSize(50);

        assertThat(spec).isEqualTo(new RegionSpec(7, 20, 0.5, 0.2, 0.05, LocalDate.of(2020, 1, 1), OutputFormat.BUNDLE, 50));
    }

    @Test
    void refusesValuesThatCannotBeGenerated() {
        RegionSpec spec = RegionSpec.of(10);

        assertThatThrownBy(() -> spec.withPersons(0)).hasMessageContaining("persons must be at least 1, was 0");
        assertThatThrownBy(() -> spec.withNoiseRate(1.5)).hasMessageContaining("noiseRate must be within 0..1, was 1.5");
        assertThatThrownBy(() -> spec.withLegacyIdShare(Double.NaN)).hasMessageContaining("legacyIdShare");
        assertThatThrownBy(() -> spec.withInvalidIdShare(-0.1)).hasMessageContaining("invalidIdShare");
        assertThatThrownBy(() -> spec.withAsOf(LocalDate.of(1940, 1, 1))).hasMessageContaining("asOf must be 1950-01-01 or later");
        assertThatThrownBy(() -> spec.withBundleSize(0)).hasMessageContaining("bundleSize must be at least 1");
        assertThatThrownBy(() -> spec.withFormat(null)).isInstanceOf(NullPointerException.class);
    }
}
