package dev.unroll.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code unroll lesson|check|verify|site ...}. */
@Command(
    name = "unroll",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Derives, verifies and publishes lessons on backpropagation through time.",
      "",
      "Exit codes: 0 success, 1 a check failed, 2 bad input.",
      "--debug (with any command) prints the stack trace of a failure after its one-line message."
    },
    subcommands = {LessonCommand.class, CheckCommand.class, VerifyCommand.class, SiteCommand.class,
        ExploreCommand.class, ExerciseCommand.class, GradeCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int CHECK_FAILED = 1;
  public static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs one command line; separated from {@link #main} so tests can call it in-process. Every
   * failure becomes one line on {@code err} ({@link Failures}); {@code --debug}, anywhere on the line,
   * adds the stack trace.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("unroll: " + ex.getMessage() + (ex.getMessage().endsWith(".") ? "" : ".")
          + " See 'unroll " + commandPath(ex.getCommandLine()) + "--help'.");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, line, parsed) -> Failures.report(ex, err, debug));
    try {
      return cli.execute(rest);
    } catch (RuntimeException | Error e) { // what picocli passes on rather than to the handler (an Error)
      return Failures.report(e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e,
          err, debug);
    }
  }

  private static String commandPath(CommandLine line) {
    String name = line.getCommandName();
    return "unroll".equals(name) ? "" : name + " ";
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"unroll " + (v == null ? "development" : v)};
    }
  }
}
