package dev.unroll.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code unroll lesson}: derives and renders one lesson. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
    description = "Derives the gradient of a recurrent cell's loss and writes the lesson as Markdown and LaTeX.")
public final class LessonCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Main.OK;
  }
}
