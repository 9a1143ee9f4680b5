package dev.unroll.course;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each question's answer stands in a submission: from the heading that names
 * {@code Question N} (a Markdown heading, in a notebook too, or a TeX {@code \section} or
 * {@code \subsection}) to the next such heading. Lines count from 1, as findings do.
 */
public record Sections(List<Section> sections) {
  /** The lines {@code [from, to)} under the heading of question {@code number}. */
  public record Section(int number, int from, int to) {
    public boolean holds(int line) {
      return line >= from && line < to;
    }
  }

  private static final Pattern HEADING = Pattern.compile(
      "^\\s*\"?(?:#{1,6}\\s*|\\\\(?:sub)*section\\*?\\{\\s*)(?:Question|Exercise|Q)\\.?\\s*(\\d+)\\b",
      Pattern.CASE_INSENSITIVE);

  public Sections {
    sections = List.copyOf(sections);
  }

  public static Sections of(List<String> lines) {
    List<int[]> starts = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = HEADING.matcher(lines.get(i));
      if (m.find()) {
        starts.add(new int[] {Integer.parseInt(m.group(1)), i + 1});
      }
    }
    List<Section> out = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int to = i + 1 < starts.size() ? starts.get(i + 1)[1] : lines.size() + 1;
      out.add(new Section(starts.get(i)[0], starts.get(i)[1], to));
    }
    return new Sections(out);
  }

  /** The question whose answer holds {@code line}, or 0 when the line is under none. */
  public int questionAt(int line) {
    return sections.stream().filter(s -> s.holds(line)).mapToInt(Section::number).findFirst().orElse(0);
  }
}
