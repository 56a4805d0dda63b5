package io.github.openconnectors.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Sets of credential parts: which parts some secrets make, and how to name them in messages. */
final class Parts {

  private Parts() {}

  /** The parts present among these secrets, as an unmodifiable set. */
  static Set<CredentialPart> of(@Nullable Secret... secrets) {
    EnumSet<CredentialPart> parts = EnumSet.noneOf(CredentialPart.class);
    for (Secret secret : secrets) {
      if (secret != null) {
        parts.add(secret.part());
      }
    }
    return Collections.unmodifiableSet(parts);
  }

  /** The keywords of these parts in header order, never their values. */
  static List<String> keywords(Set<CredentialPart> parts, HeaderStyle style) {
    List<String> keywords = new ArrayList<>(parts.size());
    for (CredentialPart part : CredentialPart.values()) {
      if (parts.contains(part)) {
        keywords.add(keyword(part, style));
      }
    }
    return keywords;
  }

  /** "User, Organization and Element"; "nothing" for an empty set. */
  static String describe(Set<CredentialPart> parts, HeaderStyle style) {
    List<String> keywords = keywords(parts, style);
    int last = keywords.size() - 1;
    return switch (keywords.size()) {
      case 0 -> "nothing";
      case 1 -> keywords.get(0);
      default -> String.join(", ", keywords.subList(0, last)) + " and " + keywords.get(last);
    };
  }

  static String keyword(CredentialPart part, HeaderStyle style) {
    return part == CredentialPart.INSTANCE_TOKEN ? style.instanceTokenKeyword() : part.keyword();
  }
}
