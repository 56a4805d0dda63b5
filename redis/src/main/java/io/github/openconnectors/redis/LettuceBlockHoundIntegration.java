package io.github.openconnectors.redis;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets BlockHound tolerate the short lock that Lettuce takes around every write to a connection.
 *
 * <p>Lettuce guards a connection's state with a lock that a writer holds only while it hands a
 * command to Netty; two threads that write on the same connection at once may wait a few
 * microseconds for each other. BlockHound reports that wait as a blocking call, and the error it
 * throws inside Lettuce's {@code try}/{@code finally} leaves the connection's writer count
 * negative: every later write on that connection then spins for ever. A fleet cache shared by many
 * concurrent requests writes from several threads at once, so an application that runs BlockHound
 * would see its Redis connection hang instead of a report.
 *
 * <p>BlockHound finds this class through {@link java.util.ServiceLoader} when it is installed with
 * {@code BlockHound.install()}; without BlockHound on the class path the class is never loaded.
 * Only Lettuce's lock is allowed: a blocking call anywhere else, in Lettuce's callbacks or in this
 * module, is still reported.
 */
public final class LettuceBlockHoundIntegration implements BlockHoundIntegration {

  private static final String SHARED_LOCK = "io.lettuce.core.protocol.SharedLock";

  /** Called by {@link java.util.ServiceLoader}. */
  public LettuceBlockHoundIntegration() {}

  @Override
  public void applyTo(BlockHound.Builder builder) {
    // A writer waiting for another writer, or for the connection's activation or shutdown.
    builder.allowBlockingCallsInside(SHARED_LOCK, "incrementWriters");
    // Activation and shutdown waiting for writers; what they run is Lettuce's own bookkeeping.
    builder.allowBlockingCallsInside(SHARED_LOCK, "doExclusive");
  }
}
