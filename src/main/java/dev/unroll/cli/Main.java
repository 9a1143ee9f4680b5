package dev.unroll.cli;

import java.io.PrintWriter;
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
      "Exit codes: 0 success, 1 a check failed, 2 bad input."
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

  /** Runs one command line; separated from {@link #main} so tests can call it in-process. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("unroll: " + ex.getMessage() + (ex.getMessage().endsWith(".") ? "" : ".")
          + " See 'unroll " + commandPath(ex.getCommandLine()) + "--help'.");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, line, parsed) -> {
      if (ex instanceof UserError || ex instanceof IllegalArgumentException
          || ex instanceof dev.unroll.cell.CellFormatException) {
        err.println("unroll: " + ex.getMessage());
        return BAD_INPUT;
      }
      throw ex;
    });
    return cli.execute(args);
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
