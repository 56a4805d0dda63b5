package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java, XML and properties block of the README and of the guide under {@code docs/} is held,
 * line for line, by a project that {@code mvn verify} builds: the README's own projects ({@code
 * src/it/readme-*}, compiled and tested by the invoker) or the examples' tests. A block edited
 * without its copy, or a copy edited without its block, fails here; an API that a block no longer
 * compiles against fails the invoker's build.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern BLOCK =
      Pattern.compile(
          "^( *)```(java|xml|properties)\\n(.*?)^\\1```", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern FILTERED = Pattern.compile("@([\\w.-]+)@");

  @Test
  void everyBlockIsHeldLineForLineByAProjectThatVerifyBuilds() throws IOException {
    List<List<String>> holders = new ArrayList<>();
    for (Path tree :
        List.of(Path.of("src", "it"), ROOT.resolve(Path.of("examples", "src", "test", "java")))) {
      try (Stream<Path> files = Files.walk(tree)) {
        files
            .filter(Files::isRegularFile)
            .filter(file -> !file.startsWith(Path.of("src", "it", "users-boot-application")))
            .forEach(file -> holders.add(lines(filtered(read(file)))));
      }
    }
    List<String> missing = new ArrayList<>();
    int blocks = 0;
    for (Path document : documents()) {
      String text = read(document);
      Matcher block = BLOCK.matcher(text);
      while (block.find()) {
        blocks++;
        List<String> wanted = lines(block.group(3));
        if (holders.stream().noneMatch(held -> Collections.indexOfSubList(held, wanted) >= 0)) {
          int line = text.substring(0, block.start()).split("\n", -1).length;
          missing.add(
              ROOT.relativize(document)
                  + ":"
                  + line
                  + " ("
                  + block.group(2)
                  + ", starting \""
                  + wanted.get(0)
                  + "\")");
        }
      }
    }
    assertThat(missing)
        .as("blocks that no project of the build holds line for line (see src/it/readme-*)")
        .isEmpty();
    assertThat(blocks).as("blocks found: the pattern still reads the documents").isGreaterThan(15);
  }

  @Test
  void aBlockThatDriftsIsFound() {
    List<String> held = lines("class A {\n  void run() {\n    client.instances();\n  }\n}\n");
    assertThat(Collections.indexOfSubList(held, lines("    client.instances();\n"))).isEqualTo(2);
    assertThat(Collections.indexOfSubList(held, lines("client.instances(); // changed\n")))
        .isNegative();
  }

  private static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    Path guide = ROOT.resolve("docs");
    if (Files.isDirectory(guide)) {
      try (Stream<Path> pages = Files.walk(guide)) {
        pages.filter(page -> page.toString().endsWith(".md")).sorted().forEach(documents::add);
      }
    }
    return documents;
  }

  /** The lines without the indentation that the block's place in a file gives them. */
  private static List<String> lines(String text) {
    return text.lines().map(String::strip).toList();
  }

  /**
   * A project's text as its build sees it: {@code @name@} filtered by the invoker, from the {@code
   * readme.name} properties the build gives this test.
   */
  private static String filtered(String text) {
    return FILTERED
        .matcher(text)
        .replaceAll(
            name ->
                Matcher.quoteReplacement(
                    Objects.requireNonNullElse(
                        System.getProperty("readme." + name.group(1)), name.group())));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
