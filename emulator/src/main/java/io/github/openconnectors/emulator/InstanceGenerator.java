package io.github.openconnectors.emulator;

import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance.ConnectorElement;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Makes the generated instances: each one a pure function of the seed and its id, so a listing of a
 * million is produced as it is served and never held in memory.
 */
final class InstanceGenerator {

  /**
   * The id of the first generated instance; fixtures may take any id, and replace a generated one.
   */
  static final long FIRST_ID = 100_001;

  private static final ConnectorElement[] ELEMENTS = {
    new ConnectorElement(3, "sfdc", "Salesforce", "crm", "oauth2"),
    new ConnectorElement(8, "hubspotcrm", "HubSpot CRM", "crm", "oauth2"),
    new ConnectorElement(21, "netsuitecrmv2", "NetSuite CRM", "crm", "custom"),
    new ConnectorElement(34, "zendesk", "Zendesk", "helpdesk", "oauth2"),
    new ConnectorElement(55, "servicenow", "ServiceNow", "helpdesk", "basic"),
    new ConnectorElement(89, "box", "Box", "documents", "oauth2"),
    new ConnectorElement(144, "dropbox", "Dropbox", "documents", "oauth2"),
    new ConnectorElement(233, "shopify", "Shopify", "ecommerce", "oauth2"),
    new ConnectorElement(377, "quickbooks", "QuickBooks", "finance", "oauth2"),
    new ConnectorElement(610, "sapsuccessfactors", "SAP SuccessFactors", "humancapital", "basic"),
  };

  /**
   * The id of the connector with this key: a generated instance's connector of that key has it too;
   * an unknown key gets a stable id of its own, above the generated ones'.
   */
  static long connectorId(String key) {
    for (ConnectorElement element : ELEMENTS) {
      if (element.key().equals(key)) {
        return element.id();
      }
    }
    return 1_000 + (key.hashCode() & 0x7fff_ffffL) % 1_000_000;
  }

  // Some names carry multi-byte UTF-8, as real tenants' do.
  private static final String[] TEAMS = {
    "Sales",
    "Support",
    "Vertrieb Zürich",
    "Finance",
    "Marketing",
    "東京 Operations",
    "Ventas España",
    "R&D",
    "Kundenservice Köln",
    "Partners",
  };

  private static final String[] TAGS = {
    "prod", "staging", "dev", "eu", "us", "apac", "sales", "support"
  };

  // Hides the id in the token's first bytes, so tokens look as random as real ones.
  private static final long ID_MASK = 0x5A17C3D2E94B8F61L;

  private static final Instant EPOCH = Instant.parse("2019-03-01T08:00:00Z");

  private final long seed;
  private final long count;
  private final int records;

  InstanceGenerator(long seed, long count, int records) {
    this.seed = seed;
    this.count = count;
    this.records = records;
  }

  long count() {
    return count;
  }

  boolean generates(long id) {
    return id >= FIRST_ID && id < FIRST_ID + count;
  }

  /** The generated instance with this id, or null when the id is not a generated one. */
  @Nullable EmulatedInstance instance(long id) {
    if (!generates(id)) {
      return null;
    }
    SplittableRandom random = random(id);
    ConnectorElement element = ELEMENTS[random.nextInt(ELEMENTS.length)];
    String team = TEAMS[random.nextInt(TEAMS.length)];
    List<String> tags = new ArrayList<>(3);
    for (int i = random.nextInt(4); i > 0; i--) {
      String tag = TAGS[random.nextInt(TAGS.length)];
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    Instant created = EPOCH.plusSeconds(random.nextLong(5L * 365 * 24 * 3600));
    return EmulatedInstance.builder(id, token(id))
        .name(element.name() + " " + team + " #" + (id - FIRST_ID + 1))
        .element(element)
        .tags(tags.toArray(String[]::new))
        .disabled(id % 17 == 0)
        .valid(id % 23 != 0)
        .records(records)
        .createdDate(created)
        .updatedDate(created.plusSeconds(random.nextLong(90L * 24 * 3600)))
        .build();
  }

  /**
   * The generated token of an id: 8 bytes of masked id then 24 pseudo-random bytes, in base64 (so
   * with {@code +}, {@code /} and {@code =}, as real tokens have), which lets {@link #idOf} find
   * the instance of a token without an index of a million tokens.
   */
  InstanceToken token(long id) {
    ByteBuffer bytes = ByteBuffer.allocate(32).putLong(id ^ ID_MASK);
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ ~id);
    while (bytes.hasRemaining()) {
      bytes.put((byte) random.nextInt());
    }
    return InstanceToken.of(Base64.getEncoder().encodeToString(bytes.array()));
  }

  /** The id a generated token claims, or -1; the caller still compares the whole token. */
  static long idOf(InstanceToken token) {
    String value = token.reveal();
    if (value.length() != 44) {
      return -1;
    }
    try {
      return ByteBuffer.wrap(Base64.getDecoder().decode(value)).getLong() ^ ID_MASK;
    } catch (IllegalArgumentException notBase64) {
      return -1;
    }
  }

  private SplittableRandom random(long id) {
    return new SplittableRandom(seed * 31 + id);
  }
}
