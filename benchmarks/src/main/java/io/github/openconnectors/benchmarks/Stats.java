package io.github.openconnectors.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Medians, percentiles and the formatting of figures. */
final class Stats {

  /** What was measured for a key that every round filled: a missing one is a harness bug. */
  static <K, V> V of(Map<K, V> measured, K key) {
    return Objects.requireNonNull(measured.get(key), () -> "nothing measured for " + key);
  }

  private Stats() {}

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** The nearest-rank percentile of samples, {@code p} from 0 to 100. */
  static long percentile(long[] samples, double p) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String millis(double nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  static String micros(double nanos) {
    return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
  }

  static String mebibytes(double bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024 * 1024));
  }
}
