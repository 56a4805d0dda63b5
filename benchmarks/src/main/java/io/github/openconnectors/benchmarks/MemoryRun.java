package io.github.openconnectors.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.openconnectors.core.Credentials;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The child process of the memory benchmark: lists every instance through one contender, streaming
 * to a counter, in the heap its parent gave it, and prints one {@code RESULT} line. The secrets
 * come from the environment, never the command line, which other users of the machine can read.
 */
public final class MemoryRun {

  private MemoryRun() {}

  /**
   * Lists and reports.
   *
   * @param args the contender ({@code ours}, {@code webclient} or {@code jdk}), the base URL and
   *     the number of instances expected
   */
  public static void main(String[] args) {
    Target target = new Target(args[1], Credentials.fromEnvironment());
    long instances = Long.parseLong(args[2]);
    AtomicLong liveAfterGc = new AtomicLong();
    watchCollections(liveAfterGc);
    try (Contender contender = contender(args[0], target)) {
      List<MemoryPoolMXBean> heap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getType() == MemoryType.HEAP)
              .toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long started = System.nanoTime();
      long listed = Objects.requireNonNull(contender.listing().count().block());
      double seconds = (System.nanoTime() - started) / 1e9;
      long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
      System.out.printf(
          Locale.ROOT,
          "RESULT %d %.2f %d %d %s%n",
          listed,
          seconds,
          peak,
          liveAfterGc.get(),
          ManagementFactory.getGarbageCollectorMXBeans().stream()
              .map(GarbageCollectorMXBean::getName)
              .collect(Collectors.joining("+"))
              .replace(' ', '_'));
      if (listed != instances) {
        System.exit(1);
      }
    }
  }

  private static Contender contender(String name, Target target) {
    return switch (name) {
      case "ours" -> new OursContender(target);
      case "webclient" -> new WebClientContender(target);
      case "jdk" -> new JdkHttpClientContender(target);
      default -> throw new IllegalArgumentException("unknown contender " + name);
    };
  }

  /** Keeps the largest heap in use just after a collection: the live data, without garbage. */
  private static void watchCollections(AtomicLong liveAfterGc) {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector)
          .addNotificationListener(
              (notification, handback) -> {
                if (!notification
                    .getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used =
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> isHeap(pool.getKey()))
                        .map(java.util.Map.Entry::getValue)
                        .mapToLong(MemoryUsage::getUsed)
                        .sum();
                liveAfterGc.accumulateAndGet(used, Math::max);
              },
              null,
              null);
    }
  }

  private static boolean isHeap(String poolName) {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .anyMatch(pool -> pool.getName().equals(poolName) && pool.getType() == MemoryType.HEAP);
  }
}
