package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Paging without a server: a listing of 450 numbered items, each page's body its first and size.
 */
class PagesTest {

  private static final long ITEMS = 450;

  private final Pages pages = new Pages(new Cursors(new byte[32]));

  @Test
  void aListingIsServedInPagesOfTheSizeAskedWithCursorsUntilItEnds() {
    List<String> bodies = new ArrayList<>();
    String cursor = null;
    do {
      Reply reply = page("numbers", "100", cursor);
      assertThat(reply.status()).isEqualTo(200);
      bodies.add(body(reply));
      assertThat(reply.headers()).containsEntry("Elements-Instance", "kept");
      cursor = reply.headers().get(Pages.NEXT_PAGE_TOKEN);
      assertThat(reply.headers().containsKey(Pages.TOTAL_COUNT)).isEqualTo(bodies.size() == 1);
    } while (cursor != null);
    assertThat(bodies).containsExactly("1+100", "101+100", "201+100", "301+100", "401+50");
  }

  @Test
  void theFirstPageCarriesTheTotalAndTheCountReturned() {
    Reply reply = page("numbers", "7", null);
    assertThat(reply.headers())
        .containsEntry(Pages.TOTAL_COUNT, "450")
        .containsEntry(Pages.RETURNED_COUNT, "7");
  }

  @Test
  void withoutAPageSizeOrWithTooLargeOneTheMaximumIsServedAndTheLatterSaysSo() {
    assertThat(body(page("numbers", null, null))).isEqualTo("1+200");
    Reply tooLarge = page("numbers", "5000", null);
    assertThat(body(tooLarge)).isEqualTo("1+200");
    assertThat(tooLarge.headers().get(Pages.ERROR))
        .isEqualTo("pageSize 5000 exceeds the maximum of 200; returning 200");
  }

  @Test
  void aPageSizeThatIsNotAPositiveWholeNumberIsRefused() {
    for (String bad : List.of("0", "-1", "ten", "1.5", "99999999999999999999")) {
      Reply reply = page("numbers", bad, null);
      assertThat(reply.status()).as(bad).isEqualTo(400);
      assertThat(body(reply)).contains("Invalid pageSize: must be a whole number from 1 to 200");
    }
  }

  @Test
  void aCursorOfAnotherListingOrAlteredIsRefused() {
    String cursor = page("numbers", "10", null).headers().get(Pages.NEXT_PAGE_TOKEN);
    assertThat(body(page("numbers", "10", cursor))).isEqualTo("11+10");

    Reply otherListing = page("letters", "10", cursor);
    assertThat(otherListing.status()).isEqualTo(400);
    assertThat(body(otherListing)).contains("belongs to another query");

    String altered =
        cursor.substring(0, 5) + (cursor.charAt(5) == 'A' ? 'B' : 'A') + cursor.substring(6);
    assertThat(page("numbers", "10", altered).status()).isEqualTo(400);
    assertThat(body(page("numbers", "10", "not base64!"))).contains("was it percent-encoded?");
  }

  private Reply page(String listing, String pageSize, String cursor) {
    Map<String, List<String>> query = new HashMap<>();
    if (pageSize != null) {
      query.put("pageSize", List.of(pageSize));
    }
    if (cursor != null) {
      query.put("nextPage", List.of(cursor));
    }
    return pages.page(
        query,
        "request-1",
        Cursors.queryKey(listing),
        (afterId, size) -> {
          int count = (int) Math.max(0, Math.min(size, ITEMS - afterId));
          long last = afterId + count;
          byte[] body = ((afterId + 1) + "+" + count).getBytes(StandardCharsets.UTF_8);
          return new Pages.Content(body, count, last < ITEMS ? last : -1, () -> ITEMS);
        },
        Map.of("Elements-Instance", "kept"));
  }

  private static String body(Reply reply) {
    return new String(reply.body(), StandardCharsets.UTF_8);
  }
}
