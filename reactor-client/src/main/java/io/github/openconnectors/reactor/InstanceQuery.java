package io.github.openconnectors.reactor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to list: tags, a search text, hydration, the page size, and where to resume. Immutable; each
 * {@code with...} method returns a copy.
 *
 * <pre>{@code
 * InstanceQuery query = InstanceQuery.all().withTags("prod", "eu").withSearchText("sfdc").withPageSize(100);
 * }</pre>
 */
public final class InstanceQuery {

  /** The largest page the service serves. */
  public static final int MAX_PAGE_SIZE = 200;

  private static final InstanceQuery ALL = new InstanceQuery(List.of(), null, false, 0, null);

  private final List<String> tags;
  private final @Nullable String searchText;
  private final boolean hydrate;
  private final int pageSize;
  private final @Nullable String nextPageToken;

  private InstanceQuery(
      List<String> tags,
      @Nullable String searchText,
      boolean hydrate,
      int pageSize,
      @Nullable String nextPageToken) {
    this.tags = tags;
    this.searchText = searchText;
    this.hydrate = hydrate;
    this.pageSize = pageSize;
    this.nextPageToken = nextPageToken;
  }

  /**
   * Every instance, from the first page, in pages of the client's default size.
   *
   * @return the query
   */
  public static InstanceQuery all() {
    return ALL;
  }

  /**
   * A copy that lists only instances with every one of these tags ({@code tags[]}).
   *
   * @param tags the tags
   * @return the query
   * @throws NullPointerException if a tag is null
   */
  public InstanceQuery withTags(String... tags) {
    return new InstanceQuery(List.of(tags), searchText, hydrate, pageSize, nextPageToken);
  }

  /**
   * A copy that lists only instances whose name or connector key holds the text.
   *
   * @param searchText the text
   * @return the query
   */
  public InstanceQuery withSearchText(String searchText) {
    return new InstanceQuery(
        tags, Objects.requireNonNull(searchText, "searchText"), hydrate, pageSize, nextPageToken);
  }

  /**
   * A copy that asks for configuration and tag detail ({@code hydrate=true}).
   *
   * @param hydrate whether to hydrate
   * @return the query
   */
  public InstanceQuery withHydrate(boolean hydrate) {
    return new InstanceQuery(tags, searchText, hydrate, pageSize, nextPageToken);
  }

  /**
   * A copy with this page size.
   *
   * @param pageSize from 1 to {@value #MAX_PAGE_SIZE}
   * @return the query
   * @throws IllegalArgumentException if pageSize is out of range
   */
  public InstanceQuery withPageSize(int pageSize) {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be from 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
    }
    return new InstanceQuery(tags, searchText, hydrate, pageSize, nextPageToken);
  }

  /**
   * A copy that starts at the page a next-page token names, from {@link Page#nextPageToken()}.
   *
   * @param nextPageToken the token
   * @return the query
   */
  public InstanceQuery resumingFrom(String nextPageToken) {
    return new InstanceQuery(
        tags,
        searchText,
        hydrate,
        pageSize,
        Objects.requireNonNull(nextPageToken, "nextPageToken"));
  }

  /**
   * The tags an instance must all have.
   *
   * @return an unmodifiable list, empty for no filter
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * The search text.
   *
   * @return the text, empty for no filter
   */
  public Optional<String> searchText() {
    return Optional.ofNullable(searchText);
  }

  /**
   * Whether to hydrate.
   *
   * @return true to ask for configuration and tag detail
   */
  public boolean hydrate() {
    return hydrate;
  }

  /**
   * The page size.
   *
   * @return from 1 to 200, or 0 for the client's default
   */
  public int pageSize() {
    return pageSize;
  }

  /**
   * Where the listing starts: the {@link Page#nextPageToken()} of a page of this query.
   *
   * @return the next-page token, empty to start from the first page
   */
  public Optional<String> nextPageToken() {
    return Optional.ofNullable(nextPageToken);
  }

  /** The query as the service reads it: {@code /instances} and its parameters, no cursor. */
  RequestUri uri(int defaultPageSize) {
    RequestUri uri = new RequestUri("/instances");
    tags.forEach(tag -> uri.param("tags[]", tag));
    uri.param("searchText", searchText);
    uri.param("hydrate", hydrate ? "true" : null);
    return uri.param("pageSize", pageSize > 0 ? pageSize : defaultPageSize);
  }

  /**
   * Describes the query.
   *
   * @return for example {@code "InstanceQuery[tags=[prod], searchText=null, hydrate=false,
   *     pageSize=0, resuming=false]"}
   */
  @Override
  public String toString() {
    return "InstanceQuery[tags="
        + tags
        + ", searchText="
        + searchText
        + ", hydrate="
        + hydrate
        + ", pageSize="
        + pageSize
        + ", resuming="
        + (nextPageToken != null)
        + "]";
  }
}
