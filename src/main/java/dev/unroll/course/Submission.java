package dev.unroll.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One file a student handed in, and who it says handed it in: a front-matter line
 * {@code student: NAME} (Markdown front matter, a TeX comment {@code % student: NAME}, or a notebook
 * cell's first lines), else the file's name ({@code ada-lovelace.md}, {@code ada-lovelace-bptt.tex}).
 *
 * @param shown the path as the teacher gave it, for reports
 * @param named the student the file names in its own lines, if it does
 * @param sheetId the sheet the file says it answers ({@code sheet: seed 7, rnn-tanh-W-last-3}), if it does
 */
public record Submission(Path file, String shown, Optional<String> named, Optional<String> sheetId) {
  /** The kinds of file {@code grade} reads. */
  public static final List<String> EXTENSIONS = List.of(".md", ".tex", ".ipynb");

  /** Front matter is read from the first lines only; a submission names itself at the top. */
  private static final int HEAD_LINES = 40;
  private static final Pattern STUDENT = Pattern.compile("(?:^|[\\s\"%#])student:\\s*([^\"\\\\\\r\\n]+)");
  private static final Pattern SHEET = Pattern.compile("(?:^|[\\s\"%#])sheet:\\s*([^\"\\\\\\r\\n]+)");

  /**
   * Every submission under {@code paths}: files given by name whatever their extension, and the
   * .md, .tex and .ipynb files below folders, in a fixed order.
   *
   * @throws IllegalArgumentException when a path does not exist
   */
  public static List<Submission> find(List<Path> paths) {
    List<Submission> out = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("No such file or folder to grade: '" + p + "'.");
      }
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile).filter(f -> EXTENSIONS.stream().anyMatch(e -> name(f).endsWith(e)))
              .filter(f -> !name(f).startsWith("."))
              .sorted().forEach(f -> out.add(read(f)));
        } catch (IOException | java.io.UncheckedIOException e) {
          throw new IllegalArgumentException("The folder '" + p + "' cannot be listed: " + e.getMessage() + ".");
        }
      } else {
        out.add(read(p));
      }
    }
    return out;
  }

  private static String name(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  /** A submission with what its first lines say of it; an unreadable file names no one. */
  static Submission read(Path file) {
    List<String> head = new ArrayList<>();
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.limit(HEAD_LINES).forEach(head::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      return new Submission(file, file.toString(), Optional.empty(), Optional.empty());
    }
    return new Submission(file, file.toString(), first(STUDENT, head), first(SHEET, head));
  }

  private static Optional<String> first(Pattern p, List<String> lines) {
    for (String line : lines) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        return Optional.of(m.group(1).strip());
      }
    }
    return Optional.empty();
  }

  /** The student's file name this submission is by: the one it names, else its file name's stem. */
  public String studentSlug(List<Student> known) {
    if (named.isPresent()) {
      return Student.named(named.get()).slug();
    }
    String stem = file.getFileName().toString().replaceAll("\\.[^.]*$", "");
    String slug;
    try {
      slug = Student.named(stem).slug();
    } catch (IllegalArgumentException e) {
      slug = "unnamed"; // a file name with no letter or digit
    }
    String stemSlug = slug;
    // ada-lovelace-bptt names ada-lovelace when that is a student: the longest student slug that prefixes it.
    return known.stream().map(Student::slug).filter(s -> stemSlug.equals(s) || stemSlug.startsWith(s + "-"))
        .max(java.util.Comparator.comparingInt(String::length)).orElse(stemSlug);
  }
}
