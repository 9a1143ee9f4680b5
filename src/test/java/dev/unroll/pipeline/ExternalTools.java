package dev.unroll.pipeline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real programs our readers use (pdflatex, pandoc). Where one is missing the test is skipped
 * on a developer's machine, but fails under CI (CI=true), where .ci/run must have installed it.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** The result of running a program: exit code and everything it printed. */
  public record Run(int exitCode, String output) {}

  public static void require(String program) {
    boolean present = List.of("/usr/bin", "/usr/local/bin", "/bin").stream()
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(program + " is missing under CI: .ci/run must install it.");
    }
    assumeTrue(present, program + " is not installed; skipping on this machine.");
  }

  public static Run run(Path workingDir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(workingDir, "run", ".log");
    Process p = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s.");
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
