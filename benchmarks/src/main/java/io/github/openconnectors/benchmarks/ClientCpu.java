package io.github.openconnectors.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time spent by every thread of this process except the emulator's: the clients' cost, which
 * throughput on a shared machine only shows blurred, since client and emulator share the cores.
 */
final class ClientCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ClientCpu() {}

  /** Nanoseconds of CPU used so far by the threads not serving the emulator. */
  static long nanos() {
    long total = 0;
    for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (thread != null && !thread.getThreadName().startsWith("openconnectors-emulator")) {
        long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
        total += Math.max(0, cpu);
      }
    }
    return total;
  }
}
