package io.github.openconnectors.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Paging as the service pages every listing: {@code pageSize} (1 to {@value #MAX_PAGE_SIZE}, larger
 * asks answered with the maximum and an {@code Elements-Error} header), {@code nextPage} cursors
 * from {@link Cursors}, and the paging headers of the answer.
 */
final class Pages {

  static final int MAX_PAGE_SIZE = 200;

  static final String NEXT_PAGE_TOKEN = "Elements-Next-Page-Token";
  static final String RETURNED_COUNT = "Elements-Returned-Count";
  static final String TOTAL_COUNT = "Elements-Total-Count";
  static final String ERROR = "Elements-Error";

  private final Cursors cursors;

  Pages(Cursors cursors) {
    this.cursors = cursors;
  }

  /**
   * The page a listing's query asks for.
   *
   * @param query the request's query parameters, with {@code pageSize} and {@code nextPage}
   * @param requestId the request's id, for an error body
   * @param queryKey the listing's identity (see {@link Cursors#queryKey}); a cursor of another
   *     listing is refused
   * @param source makes the page's content once its position and size are known
   * @param extraHeaders headers every answer of this listing carries
   */
  Reply page(
      Map<String, List<String>> query,
      String requestId,
      String queryKey,
      Source source,
      Map<String, String> extraHeaders) {
    String pageSizeText = first(query, "pageSize");
    int pageSize = MAX_PAGE_SIZE;
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    if (pageSizeText != null && !pageSizeText.isEmpty()) {
      long asked;
      try {
        asked = Long.parseLong(pageSizeText);
      } catch (NumberFormatException e) {
        asked = 0;
      }
      if (asked < 1) {
        return Reply.error(
            requestId, 400, "Invalid pageSize: must be a whole number from 1 to " + MAX_PAGE_SIZE);
      }
      if (asked > MAX_PAGE_SIZE) {
        headers.put(
            ERROR,
            "pageSize "
                + asked
                + " exceeds the maximum of "
                + MAX_PAGE_SIZE
                + "; returning "
                + MAX_PAGE_SIZE);
      } else {
        pageSize = (int) asked;
      }
    }
    String cursor = first(query, "nextPage");
    long afterId = 0;
    if (cursor != null && !cursor.isEmpty()) {
      try {
        afterId = cursors.resume(queryKey, cursor);
      } catch (Cursors.InvalidCursorException e) {
        return Reply.error(requestId, 400, e.reason());
      }
    }
    Content content = source.page(afterId, pageSize);
    headers.put(RETURNED_COUNT, Integer.toString(content.returned()));
    if (afterId == 0) {
      // The service sends the total on some responses only: here, on a listing's first page.
      headers.put(TOTAL_COUNT, Long.toString(content.total().getAsLong()));
    }
    if (content.nextAfter() >= 0) {
      headers.put(NEXT_PAGE_TOKEN, cursors.issue(queryKey, content.nextAfter()));
    }
    return Reply.json(200, content.body()).with(headers);
  }

  /** The first value of a query parameter, or null when it is absent. */
  static @Nullable String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Makes a page's content once its position and size are known. */
  @FunctionalInterface
  interface Source {
    Content page(long afterId, int pageSize);
  }

  /** A page's body, how many items it holds, the id to resume after (-1 at the end), the total. */
  @SuppressWarnings("ArrayRecordComponent") // carried to the reply, never compared or hashed
  record Content(byte[] body, int returned, long nextAfter, LongSupplier total) {}
}
