package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer. Tests run with paranoid leak detection
 * (see the surefire configuration); after the class, garbage is collected and fresh buffers are
 * allocated, which makes the detector report any buffer collected unreleased.
 */
public final class NoLeaksExtension implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    LogCapture.install();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (int round = 0; round < 3; round++) {
      System.gc();
      for (int i = 0; i < 64; i++) {
        ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        probe.writeByte(1);
        probe.release();
      }
    }
    LogCapture logs = LogCapture.install();
    List<String> lines = List.copyOf(logs.lines());
    // Reported once: a later class must not fail again for a leak this one found.
    logs.clear();
    assertThat(lines).as("Netty leak reports").noneMatch(line -> line.contains("LEAK:"));
  }
}
