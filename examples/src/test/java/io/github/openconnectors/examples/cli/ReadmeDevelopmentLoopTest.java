package io.github.openconnectors.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.examples.cli.CliRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guide's development loop (docs/examples.md), as written: its {@code export} lines and its
 * {@code oc} commands, run against the {@code emulator} command's emulator. Only the port differs
 * (the test takes any).
 */
class ReadmeDevelopmentLoopTest {

  static final Path README = Path.of("..", "docs", "examples.md");

  @Test
  void everyCommandOfTheDevelopmentLoopWorksWithItsExports() throws IOException {
    List<String> block = developmentLoopBlock();
    assertThat(block)
        .anyMatch(line -> line.startsWith("export "))
        .anyMatch(line -> line.startsWith("oc "));
    List<String> failures = new ArrayList<>();

    Result emulator =
        CliRun.run(
            Map.of(),
            false,
            server -> {
              String baseUrl = ((OpenConnectorsEmulator) server).baseUrl();
              Map<String, String> environment = new HashMap<>();
              for (String line : block) {
                String command =
                    withoutComment(line).replace("http://127.0.0.1:8080/elements/api-v2", baseUrl);
                if (command.startsWith("export ")) {
                  String assignment = command.substring("export ".length());
                  int equals = assignment.indexOf('=');
                  environment.put(
                      assignment.substring(0, equals), unquote(assignment.substring(equals + 1)));
                } else if (command.startsWith("oc ") && !command.startsWith("oc emulator")) {
                  // What a pipe does with the output is the shell's business, not the tool's.
                  String tool =
                      command.contains("|") ? command.substring(0, command.indexOf('|')) : command;
                  String[] args = tool.substring(3).trim().split("\\s+");
                  Result result = CliRun.run(environment, args);
                  if (result.exitCode() != 0) {
                    failures.add(
                        tool.trim() + " exited with " + result.exitCode() + ": " + result.err());
                  }
                }
              }
            },
            "emulator",
            "--port",
            "0");

    assertThat(emulator.exitCode()).isZero();
    assertThat(failures).isEmpty();
  }

  /** The lines of the guide's code block that starts the emulator with {@code oc emulator}. */
  static List<String> developmentLoopBlock() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    List<String> block = new ArrayList<>();
    boolean inBlock = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        if (inBlock && block.stream().anyMatch(l -> l.startsWith("oc emulator "))) {
          return block;
        }
        inBlock = !inBlock;
        block.clear();
      } else if (inBlock) {
        block.add(line);
      }
    }
    throw new IllegalStateException("the README has no development-loop block");
  }

  private static String withoutComment(String line) {
    int comment = line.indexOf(" #");
    return (comment < 0 ? line : line.substring(0, comment)).trim();
  }

  private static String unquote(String value) {
    return value.startsWith("'") && value.endsWith("'")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
