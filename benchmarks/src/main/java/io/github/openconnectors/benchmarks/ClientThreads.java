package io.github.openconnectors.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * CPU time and heap bytes allocated by every thread of this process except the servers' (the
 * emulator's and the replay server's): the clients' cost, which throughput on a shared machine only
 * shows blurred, since clients and server share the cores.
 */
final class ClientThreads {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ClientThreads() {}

  /** What the client threads have used so far: compare two of them. */
  static Usage usage() {
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] threads = THREADS.getThreadInfo(ids);
    long cpu = 0;
    long allocated = 0;
    for (ThreadInfo thread : threads) {
      if (thread != null && isClient(thread.getThreadName())) {
        cpu += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
        allocated += Math.max(0, THREADS.getThreadAllocatedBytes(thread.getThreadId()));
      }
    }
    return new Usage(cpu, allocated);
  }

  private static boolean isClient(String name) {
    return !name.startsWith("openconnectors-emulator") && !name.startsWith(ReplayServer.THREADS);
  }

  /** Nanoseconds of CPU and bytes allocated, summed over the client threads alive. */
  record Usage(long cpuNanos, long allocatedBytes) {

    /** What was used from {@code before} until this, per {@code count} operations. */
    Usage since(Usage before) {
      return new Usage(cpuNanos - before.cpuNanos, allocatedBytes - before.allocatedBytes);
    }
  }
}
