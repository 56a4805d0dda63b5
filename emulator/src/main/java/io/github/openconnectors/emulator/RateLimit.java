package io.github.openconnectors.emulator;

import java.time.Clock;
import java.time.Duration;

/**
 * The organization's rate limit: at most {@code requests} in each fixed window; beyond it a request
 * is refused with 429 and a {@code Retry-After} of the seconds left in the window. Thread-safe.
 */
final class RateLimit {

  private final int requests;
  private final long windowMillis;
  private final Clock clock;
  private boolean started;
  private long windowStart;
  private int taken;

  RateLimit(int requests, Duration window, Clock clock) {
    this.requests = requests;
    this.windowMillis = window.toMillis();
    this.clock = clock;
  }

  /**
   * Takes one request from the window.
   *
   * @return 0 if taken, else the whole seconds until the window ends (at least 1)
   */
  synchronized long take() {
    long now = clock.millis();
    if (!started || now - windowStart >= windowMillis) {
      started = true;
      windowStart = now;
      taken = 0;
    }
    if (taken < requests) {
      taken++;
      return 0;
    }
    long left = windowStart + windowMillis - now;
    return Math.max(1, (left + 999) / 1000);
  }
}
