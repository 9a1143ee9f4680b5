package dev.unroll.render;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unroll.pipeline.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Python with NumPy (and, for notebooks, nbclient and ipykernel), as readers run our code.
 * Missing on a developer's machine: the test is skipped; under CI (CI=true) it fails, since .ci/run
 * installs them.
 */
public final class Python {
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  private Python() {}

  /** Skips (or under CI fails) unless /usr/bin/python3 can import every module named. */
  public static void require(String... modules) throws Exception {
    boolean present = Files.isExecutable(PYTHON)
        && new ProcessBuilder(PYTHON.toString(), "-c", "import " + String.join(", ", modules))
            .redirectErrorStream(true).start().waitFor() == 0;
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("/usr/bin/python3 cannot import " + String.join(", ", modules)
          + " under CI: .ci/run must install them.");
    }
    assumeTrue(present, "/usr/bin/python3 cannot import " + String.join(", ", modules) + "; skipping on this machine.");
  }

  /** Runs a script (written to dir) and returns its exit code and output. */
  public static ExternalTools.Run script(Path dir, String name, String code) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, code, StandardCharsets.UTF_8);
    return ExternalTools.run(dir, 600, PYTHON.toString(), file.toString());
  }
}
