package dev.unroll.course;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The students a sheet is handed to, in the roster's order: one name a line, blank lines and lines
 * starting with {@code #} skipped. A CSV export works too: the first column is the name, and a first
 * line whose first column is {@code name} or {@code student} is a header.
 */
public final class Roster {
  /** A class this size is already a lecture hall; more is a mistake in the file. */
  public static final int MAX_STUDENTS = 5000;

  private Roster() {}

  public static List<Student> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException("--students must be a UTF-8 text file with one name a line; '" + file
          + "' is not UTF-8 text.");
    } catch (IOException e) {
      throw new IllegalArgumentException("--students must name a readable file with one name a line, got '" + file
          + "'" + (Files.isDirectory(file) ? " (a folder)." : Files.exists(file) ? " (not readable)." : " (no such file)."));
    }
    Map<String, Student> bySlug = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String name = firstColumn(line);
      if (bySlug.isEmpty() && (name.equalsIgnoreCase("name") || name.equalsIgnoreCase("student"))) {
        continue;
      }
      Student s;
      try {
        s = Student.named(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage());
      }
      Student before = bySlug.putIfAbsent(s.slug(), s);
      if (before != null) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + s.name() + "' and '" + before.name()
            + "' would share the file name " + s.slug() + "; make the names differ in a letter or digit.");
      }
      if (bySlug.size() > MAX_STUDENTS) {
        throw new IllegalArgumentException("--students lists more than " + MAX_STUDENTS + " students.");
      }
    }
    if (bySlug.isEmpty()) {
      throw new IllegalArgumentException("--students names no student: '" + file + "' has no name on any line.");
    }
    return List.copyOf(bySlug.values());
  }

  /** Students {@code student-01} to {@code student-K}, for --count K. */
  public static List<Student> counted(int count) {
    if (count < 1 || count > MAX_STUDENTS) {
      throw new IllegalArgumentException("--count must be between 1 and " + MAX_STUDENTS + ", got " + count + ".");
    }
    int width = Math.max(2, String.valueOf(count).length());
    List<Student> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      out.add(Student.named(String.format(java.util.Locale.ROOT, "student-%0" + width + "d", i)));
    }
    return out;
  }

  /** The first comma-separated column, with the quotes of a quoted CSV field taken off. */
  private static String firstColumn(String line) {
    if (line.startsWith("\"")) {
      int end = line.indexOf('"', 1);
      while (end > 0 && end + 1 < line.length() && line.charAt(end + 1) == '"') {
        end = line.indexOf('"', end + 2);
      }
      return (end < 0 ? line.substring(1) : line.substring(1, end)).replace("\"\"", "\"");
    }
    int comma = line.indexOf(',');
    return comma < 0 ? line : line.substring(0, comma);
  }
}
