package io.github.openconnectors.emulator;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** The injected faults, in injection order, each with the requests it has left. */
final class FaultQueue {

  private final ConcurrentLinkedQueue<Armed> armed = new ConcurrentLinkedQueue<>();

  void add(Fault fault) {
    armed.add(new Armed(fault, new AtomicInteger(fault.times()), new AtomicLong()));
  }

  void clear() {
    armed.clear();
  }

  /** The fault this request meets, if any, counting it against that fault's scope. */
  @Nullable Fault take(String method, String path) {
    for (Armed candidate : armed) {
      if (candidate.fault().matches(method, path) && candidate.claim()) {
        return candidate.fault();
      }
    }
    return null;
  }

  private record Armed(Fault fault, AtomicInteger remaining, AtomicLong firstMet) {
    boolean claim() {
      if (!fault.period().isZero()) {
        // From the first request it meets; 0 stands for "not met yet".
        long now = System.nanoTime() | 1;
        long first = firstMet.compareAndExchange(0, now);
        return now - (first == 0 ? now : first) < fault.period().toNanos();
      }
      if (fault.times() == Fault.ALWAYS) {
        return true;
      }
      // Exactly `times` requests win, however many race for the last one.
      return remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
    }
  }
}
