package io.github.openconnectors.redis;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the one blocking call of Netty's own allocator that Netty's BlockHound integration does
 * not list yet, as the client's tests do: when several event loops allocate at once, Netty 4.2's
 * adaptive allocator grows its magazines and write-locks one for a moment. Here it struck inside
 * Lettuce's {@code CommandHandler.channelRegistered}, and the attempt to connect it was part of
 * never finished; {@link ReconnectionTest#anAttemptToConnectThatNeverFinishesIsGivenUp} shows that
 * the cache gets over such an attempt all the same.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder.allowBlockingCallsInside(
        "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
  }
}
