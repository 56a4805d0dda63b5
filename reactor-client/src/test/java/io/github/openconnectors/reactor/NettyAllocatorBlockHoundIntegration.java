package io.github.openconnectors.reactor;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the one blocking call of Netty's own allocator that Netty's BlockHound integration does
 * not list yet: when several event loops read at once, Netty 4.2's adaptive allocator grows its
 * magazines and write-locks one for a moment. It is Netty's, not this library's; seen with pages
 * read ahead over several connections.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder.allowBlockingCallsInside(
        "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
  }
}
