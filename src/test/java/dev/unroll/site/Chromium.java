package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, driven from the command line: {@code --dump-dom} prints a page's DOM
 * after its scripts ran. Each run gets a fresh profile and no background traffic of its own. Tests
 * that need it skip, with a message, only when it is missing outside CI; in CI (CI=true) a missing
 * browser fails them.
 */
final class Chromium {
  private final Path binary;
  private final Path profiles;

  private Chromium(Path binary, Path profiles) {
    this.binary = binary;
    this.profiles = profiles;
  }

  /** The browser, or a skipped test when it is absent outside CI. */
  static Chromium require(Path profiles) {
    Optional<Path> found = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
        .map(Path::of).filter(Files::isExecutable).findFirst();
    if (found.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must have Debian's chromium (apt-get install -y chromium); the browser tests cannot run.");
      }
      Assumptions.abort("Chromium is not installed (apt-get install -y chromium); skipping the browser tests outside CI.");
    }
    return new Chromium(found.get(), profiles);
  }

  private List<String> command(String... extra) throws IOException {
    Path profile = Files.createTempDirectory(profiles, "profile");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-default-apps", "--disable-extensions", "--disable-crash-reporter", "--disable-breakpad",
        "--metrics-recording-only", "--no-default-browser-check",
        "--user-data-dir=" + profile));
    command.addAll(List.of(extra));
    return command;
  }

  /** The browser with the same switches, driven over the DevTools protocol. */
  DevTools devTools(String... extra) throws Exception {
    return DevTools.start(command(extra));
  }

  /** The DOM of a page after its scripts ran; {@code extra} are more switches. */
  String dumpDom(String url, String... extra) throws IOException, InterruptedException {
    List<String> command = command(extra);
    command.add("--dump-dom");
    command.add(url);
    Path stdout = Files.createTempFile(profiles, "dom", ".out");
    Path stderr = Files.createTempFile(profiles, "dom", ".err");
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    boolean finished = p.waitFor(90, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly().waitFor();
    }
    assertThat(finished).as("chromium finished %s within 90 s", url).isTrue();
    String dom = Files.readString(stdout, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("chromium's exit code for %s; stderr: %s", url, Files.readString(stderr)).isZero();
    return dom;
  }
}
