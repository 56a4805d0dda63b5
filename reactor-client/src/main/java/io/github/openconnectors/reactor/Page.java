package io.github.openconnectors.reactor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, with what the service said about it.
 *
 * <p>Jackson (3 or 2) writes a page as {@code items} (each as its own type writes it: an {@link
 * Instance} as its view without secrets), {@code nextPageToken}, {@code totalCount} and {@code
 * requestId}, the last three null when absent.
 *
 * @param <T> the item type
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.NONE,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE,
    creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({"items", "nextPageToken", "totalCount", "requestId"})
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
  @JsonProperty("items")
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

  // For the JSON view, without Optional: Jackson 2 writes one only with a module.
  @JsonProperty("nextPageToken")
  private @Nullable String nextPageTokenOrNull() {
    return nextPageToken;
  }

  @JsonProperty("totalCount")
  private @Nullable Long totalCountOrNull() {
    return totalCount;
  }

  @JsonProperty("requestId")
  private @Nullable String requestIdOrNull() {
    return requestId;
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
