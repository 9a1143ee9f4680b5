package dev.unroll.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable files of a class's grades: {@code grades.csv} for a gradebook,
 * {@code report.json} with every claim, and JUnit XML for CI systems.
 */
public final class GradeFiles {
  private GradeFiles() {}

  static final List<String> CSV_HEADER = List.of("student", "file", "variant", "status", "claims", "confirmed",
      "wrong", "not_judged", "questions", "answered", "right", "reason");

  public static String csv(ClassReport report) {
    StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
    for (Grade g : report.grades()) {
      List<String> cells = List.of(g.student(), g.file(), g.variant().orElse(""), status(g.status()),
          String.valueOf(g.claims().size()), String.valueOf(g.count(Claim.Outcome.CONFIRMED)),
          String.valueOf(g.count(Claim.Outcome.WRONG)), String.valueOf(g.count(Claim.Outcome.NOT_JUDGED)),
          String.valueOf(g.questions().size()), String.valueOf(g.answered()), String.valueOf(g.right()), g.reason());
      out.append(String.join(",", cells.stream().map(GradeFiles::csvCell).toList())).append("\r\n");
    }
    return out.toString();
  }

  /**
   * One CSV cell, quoted when it must be (RFC 4180). A cell a student's file controls that starts like
   * a spreadsheet formula is prefixed with an apostrophe, so a gradebook import never runs it.
   */
  static String csvCell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+")) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  public static String status(Grade.Status s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  public static String json(ClassReport report) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("title", report.title());
    ObjectNode counts = root.putObject("counts");
    counts.put("submissions", report.grades().size());
    for (Grade.Status s : Grade.Status.values()) {
      counts.put(status(s).replace(' ', '_'), report.count(s));
    }
    root.put("exitCode", report.exitCode());
    ArrayNode mistakes = root.putArray("commonMistakes");
    report.commonMistakes().forEach(m -> mistakes.addObject().put("kind", m.kind()).put("submissions", m.submissions()));
    ArrayNode subs = root.putArray("submissions");
    for (Grade g : report.grades()) {
      ObjectNode s = subs.addObject();
      s.put("student", g.student());
      s.put("file", g.file());
      g.variant().ifPresent(v -> s.put("variant", v));
      s.put("status", status(g.status()));
      if (!g.reason().isEmpty()) {
        s.put("reason", g.reason());
      }
      s.put("claims", g.claims().size());
      s.put("confirmed", g.count(Claim.Outcome.CONFIRMED));
      s.put("wrong", g.count(Claim.Outcome.WRONG));
      s.put("notJudged", g.count(Claim.Outcome.NOT_JUDGED));
      ArrayNode qs = s.putArray("questions");
      g.questions().forEach(q -> qs.addObject().put("number", q.number()).put("title", q.title())
          .put("answered", q.answered()).put("right", q.right()));
      ArrayNode cs = s.putArray("findings");
      for (Claim c : g.claims()) {
        ObjectNode o = cs.addObject();
        o.put("line", c.line());
        o.put("outcome", c.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        o.put("tex", c.tex());
        o.put("message", c.message());
        c.correction().ifPresent(r -> o.put("correction", r));
      }
    }
    try {
      return mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The grades could not be written as JSON.", e);
    }
  }

  /** JUnit XML: a test case per submission, failed when a claim is wrong, an error when it could not be judged. */
  public static String junit(ClassReport report) {
    long failures = report.count(Grade.Status.WRONG);
    long errors = report.grades().stream().filter(g -> !g.judged()).count();
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuite name=\"unroll grade\" tests=\"").append(report.grades().size()).append("\" failures=\"")
        .append(failures).append("\" errors=\"").append(errors).append("\" skipped=\"0\">\n");
    for (Grade g : report.grades()) {
      out.append("  <testcase classname=\"").append(xml(g.student())).append("\" name=\"").append(xml(g.file()))
          .append('"');
      if (g.status() == Grade.Status.JUDGED) {
        out.append("/>\n");
        continue;
      }
      out.append(">\n");
      if (g.status() == Grade.Status.WRONG) {
        Claim first = g.claims().stream().filter(c -> c.outcome() == Claim.Outcome.WRONG).findFirst().orElseThrow();
        out.append("    <failure message=\"").append(xml(g.count(Claim.Outcome.WRONG) + " wrong claim"
            + (g.count(Claim.Outcome.WRONG) == 1 ? "" : "s") + "; first at line " + first.line() + ": " + first.message()))
            .append("\"/>\n");
      } else {
        out.append("    <error message=\"").append(xml(status(g.status()) + ": " + g.reason())).append("\"/>\n");
      }
      out.append("  </testcase>\n");
    }
    return out.append("</testsuite>\n").toString();
  }

  static String xml(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append('?'); // not allowed in XML 1.0
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
