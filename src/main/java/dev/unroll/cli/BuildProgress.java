package dev.unroll.cli;

import dev.unroll.pipeline.LessonSpec;
import dev.unroll.site.SiteBuilder;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What {@code unroll site} says on standard error while it builds: a line per finished lesson,
 * {@code [37/128] lstm-Uf-last-3 (1 min 12 s)}, with the time since the build began, and a summary
 * at the end. Lines, not a bar redrawn in place, so a log or a CI console reads them too. Called from
 * the building threads; each line is printed whole.
 */
final class BuildProgress implements SiteBuilder.Progress {
  private final PrintWriter err;
  private final LongSupplier nanos;
  private final long start;
  private int pages;

  /** @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime}; a fake one in tests) */
  BuildProgress(PrintWriter err, LongSupplier nanos) {
    this.err = err;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
  }

  @Override
  public synchronized void pageDone(int done, int total, LessonSpec lesson) {
    pages = done;
    err.println("[" + done + "/" + total + "] " + lesson.slug() + " (" + elapsed() + ")");
    err.flush();
  }

  /** How many pages were reported done. */
  synchronized int pages() {
    return pages;
  }

  /** A line said before or after the pages, e.g. that the site will have no PDFs. */
  synchronized void say(String line) {
    err.println(line);
    err.flush();
  }

  /** The time since the build began: {@code 8.4 s}, {@code 1 min 12 s}. */
  String elapsed() {
    return duration(nanos.getAsLong() - start);
  }

  static String duration(long nanos) {
    double seconds = nanos / 1e9;
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long whole = Math.round(seconds);
    return whole / 60 + " min " + whole % 60 + " s";
  }
}
