package rhix.bench;

import java.util.List;

/**
 * One measured figure and the baseline it was measured against in the same run: machines here are
 * noisy, so the ratio and the medians are what to quote, not the absolute values alone.
 *
 * @param samples the per-repetition values the median was taken from
 */
public record BenchmarkResult(String name, double value, String unit, String baselineName, double baselineValue,
                              List<Double> samples, List<Double> baselineSamples, String notes) {

    public BenchmarkResult {
        samples = List.copyOf(samples);
        baselineSamples = List.copyOf(baselineSamples);
    }

    public double ratio() {
        return baselineValue == 0 ? Double.NaN : value / baselineValue;
    }

    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
