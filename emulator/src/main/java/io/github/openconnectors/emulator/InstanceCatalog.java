package io.github.openconnectors.emulator;

import io.github.openconnectors.core.InstanceToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Every instance the emulator serves, in id order: the generated ones, computed when asked for, and
 * the stored ones (fixtures, and generated ones whose token was re-issued or whose state was
 * changed), which take precedence.
 */
final class InstanceCatalog {

  private final InstanceGenerator generator;
  private final ConcurrentSkipListMap<Long, EmulatedInstance> stored =
      new ConcurrentSkipListMap<>();
  private final Map<InstanceToken, Long> storedTokens = new ConcurrentHashMap<>();
  private final Set<Long> removed = ConcurrentHashMap.newKeySet();

  InstanceCatalog(InstanceGenerator generator, List<EmulatedInstance> fixtures) {
    this.generator = generator;
    fixtures.forEach(this::add);
  }

  @Nullable EmulatedInstance find(long id) {
    if (removed.contains(id)) {
      return null;
    }
    EmulatedInstance instance = stored.get(id);
    return instance != null ? instance : generator.instance(id);
  }

  /** The instance this token currently opens, or null: a re-issued token opens nothing. */
  @Nullable EmulatedInstance findByToken(InstanceToken token) {
    Long id = storedTokens.get(token);
    if (id == null) {
      id = InstanceGenerator.idOf(token);
    }
    EmulatedInstance instance = find(id);
    // Secret.equals compares in constant time.
    return instance != null && instance.token().equals(token) ? instance : null;
  }

  /** Replaces an instance's state, as re-issuing a token or disabling it does. */
  synchronized EmulatedInstance update(long id, UnaryOperator<EmulatedInstance.Builder> change) {
    EmulatedInstance current = find(id);
    if (current == null) {
      throw new IllegalArgumentException("no instance with id " + id);
    }
    EmulatedInstance updated = change.apply(current.toBuilder()).build();
    add(updated);
    return updated;
  }

  /** Deletes an instance: its id and token are unknown from now on. */
  synchronized boolean remove(long id) {
    if (find(id) == null) {
      return false;
    }
    EmulatedInstance previous = stored.remove(id);
    if (previous != null) {
      storedTokens.remove(previous.token());
    }
    removed.add(id);
    return true;
  }

  synchronized void add(EmulatedInstance instance) {
    removed.remove(instance.id());
    EmulatedInstance previous = stored.put(instance.id(), instance);
    if (previous != null) {
      storedTokens.remove(previous.token());
    }
    storedTokens.put(instance.token(), instance.id());
  }

  /** The first instance with an id above {@code afterId}, or null at the end. */
  @Nullable EmulatedInstance next(long afterId) {
    long position = afterId;
    while (true) {
      Long storedId = stored.higherKey(position);
      long generatedId = Math.max(position + 1, InstanceGenerator.FIRST_ID);
      boolean generated = generator.generates(generatedId);
      if (storedId == null && !generated) {
        return null;
      }
      long id =
          storedId == null ? generatedId : generated ? Math.min(storedId, generatedId) : storedId;
      EmulatedInstance instance = find(id);
      if (instance != null) {
        return instance;
      }
      position = id; // removed: look further
    }
  }

  /**
   * Up to {@code limit} matching instances after {@code afterId}, and whether more follow.
   *
   * <p>Scans ahead to the next match, so a page is never followed by an empty one.
   */
  Slice slice(Predicate<EmulatedInstance> filter, long afterId, int limit) {
    List<EmulatedInstance> items = new ArrayList<>(Math.min(limit, 256));
    long position = afterId;
    for (EmulatedInstance candidate = next(position);
        candidate != null;
        candidate = next(position)) {
      position = candidate.id();
      if (filter.test(candidate)) {
        if (items.size() == limit) {
          return new Slice(items, true);
        }
        items.add(candidate);
      }
    }
    return new Slice(items, false);
  }

  /** How many instances match: one pass, with no instance made when nothing is filtered. */
  long count(@Nullable Predicate<EmulatedInstance> filter) {
    if (filter == null) {
      long storedOutsideGenerated =
          stored.keySet().stream().filter(id -> !generator.generates(id)).count();
      long removedGenerated = removed.stream().filter(generator::generates).count();
      return generator.count() + storedOutsideGenerated - removedGenerated;
    }
    long count = 0;
    long position = 0;
    for (EmulatedInstance candidate = next(position);
        candidate != null;
        candidate = next(position)) {
      position = candidate.id();
      if (filter.test(candidate)) {
        count++;
      }
    }
    return count;
  }

  /** A page of instances, and whether another follows. */
  record Slice(List<EmulatedInstance> items, boolean more) {}
}
