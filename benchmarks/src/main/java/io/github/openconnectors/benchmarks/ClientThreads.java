package io.github.openconnectors.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * CPU time and heap bytes allocated by this process except the servers' threads (the emulator's and
 * the replay server's): the clients' cost, which throughput on a shared machine only shows blurred,
 * since clients and server share the cores. The CPU is the process's less the servers' threads', so
 * that it holds what a client makes the JVM do besides running its own threads (collecting its
 * garbage, compiling its code) and the work of its threads that have ended meanwhile; the bytes are
 * those allocated by the live threads that are not the servers'.
 */
final class ClientThreads {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ClientThreads() {}

  /** What the client threads have used so far: compare two of them. */
  static Usage usage() {
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] threads = THREADS.getThreadInfo(ids);
    long cpu = PROCESS.getProcessCpuTime();
    long threadsCpu = 0;
    long allocated = 0;
    for (ThreadInfo thread : threads) {
      if (thread == null) {
        continue;
      }
      long used = Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
      if (isClient(thread.getThreadName())) {
        threadsCpu += used;
        allocated += Math.max(0, THREADS.getThreadAllocatedBytes(thread.getThreadId()));
      } else {
        cpu -= used;
      }
    }
    return new Usage(cpu, threadsCpu, allocated);
  }

  /** Milliseconds the JIT has spent compiling so far, on every compiler thread. */
  static long compilingMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  private static boolean isClient(String name) {
    return !name.startsWith("openconnectors-emulator") && !name.startsWith(ReplayServer.THREADS);
  }

  /**
   * Nanoseconds of CPU (the process's less the servers' threads'; and the live client threads' own
   * alone, without the JVM's collection and compilation or threads that ended) and bytes allocated.
   */
  record Usage(long cpuNanos, long threadsCpuNanos, long allocatedBytes) {

    /** What was used from {@code before} until this. */
    Usage since(Usage before) {
      return new Usage(
          cpuNanos - before.cpuNanos,
          threadsCpuNanos - before.threadsCpuNanos,
          allocatedBytes - before.allocatedBytes);
    }
  }
}
