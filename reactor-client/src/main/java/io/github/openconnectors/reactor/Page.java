package io.github.openconnectors.reactor;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, with what the service said about it.
 *
 * @param <T> the item type
 */
public final class Page<T> {

  private final List<T> items;
  private final @Nullable String nextPageToken;
  private final @Nullable Long totalCount;
  private final @Nullable String requestId;

  Page(
      List<T> items,
      @Nullable String nextPageToken,
      @Nullable Long totalCount,
      @Nullable String requestId) {
    this.items = List.copyOf(items);
    this.nextPageToken = nextPageToken;
    this.totalCount = totalCount;
    this.requestId = requestId;
  }

  /**
   * The items, in the service's order.
   *
   * @return an unmodifiable list
   */
  public List<T> items() {
    return items;
  }

  /**
   * The cursor of the next page ({@code Elements-Next-Page-Token}); resume a listing from it with
   * {@link InstanceQuery#resumingFrom(String)}.
   *
   * @return the cursor, or empty on the last page
   */
  public Optional<String> nextPageToken() {
    return Optional.ofNullable(nextPageToken);
  }

  /**
   * How many items the whole listing has ({@code Elements-Total-Count}); the service sends it on
   * some responses only.
   *
   * @return the total, when sent
   */
  public OptionalLong totalCount() {
    return totalCount == null ? OptionalLong.empty() : OptionalLong.of(totalCount);
  }

  /**
   * The service's {@code Elements-Request-Id} for this page.
   *
   * @return the request id, when sent
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * Describes the page without its items.
   *
   * @return for example {@code "Page[items=200, more=true, total=1000]"}
   */
  @Override
  public String toString() {
    return "Page[items="
        + items.size()
        + ", more="
        + (nextPageToken != null)
        + ", total="
        + totalCount
        + "]";
  }
}
