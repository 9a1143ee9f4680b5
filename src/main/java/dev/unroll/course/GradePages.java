package dev.unroll.course;

import dev.unroll.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The HTML of a grade report: {@code report.html}, the class overview, and one page per submission
 * under {@code submissions/} showing each wrong line beside the right equation. Everything a
 * student wrote is escaped by the templates' HTML output format; formulas are typeset by KaTeX from
 * their text.
 */
public final class GradePages {
  /** A row of the overview. */
  public record RowView(String student, String file, String variant, String status, String statusClass, String page,
      int claims, long confirmed, long wrong, long notJudged, String questionsRight) {}

  /** The overview page. */
  public record OverviewView(String title, String summary, int submissions, long judged, long wrong, long notJudged,
      long unreadable, List<ClassReport.Mistake> mistakes, List<RowView> rows) {}

  /** One claim on a submission's page. */
  public record ClaimView(int line, String tex, String message, String correction) {}

  /** A submission's page. */
  public record SubmissionView(String title, String student, String file, String variant, String status, String reason,
      List<QuestionGrade> questions, List<ClaimView> wrong, List<ClaimView> notJudged, long confirmed) {}

  private final TemplateRenderer templates;

  public GradePages(TemplateRenderer templates) {
    this.templates = templates;
  }

  /** The pages by their path in the report folder. */
  public SortedMap<String, String> pages(ClassReport report) {
    SortedMap<String, String> out = new TreeMap<>();
    List<RowView> rows = new ArrayList<>();
    int width = String.valueOf(report.grades().size()).length();
    for (int i = 0; i < report.grades().size(); i++) {
      Grade g = report.grades().get(i);
      // Numbered, so two files by one student, or two students with one name, never share a page.
      String page = "submissions/" + String.format(Locale.ROOT, "%0" + width + "d", i + 1) + "-"
          + Student.named(g.student().isBlank() ? "unnamed" : g.student()).slug() + ".html";
      String status = GradeFiles.status(g.status());
      rows.add(new RowView(g.student(), g.file(), g.variant().orElse(""), status, status.replace(' ', '-'), page,
          g.claims().size(), g.count(Claim.Outcome.CONFIRMED), g.count(Claim.Outcome.WRONG),
          g.count(Claim.Outcome.NOT_JUDGED), g.questions().isEmpty() ? "" : g.right() + " of " + g.questions().size()));
      SubmissionView view = new SubmissionView(report.title() + ": " + g.student(), g.student(), g.file(),
          g.variant().orElse(""), status, g.reason(), g.questions(), claims(g, Claim.Outcome.WRONG),
          claims(g, Claim.Outcome.NOT_JUDGED), g.count(Claim.Outcome.CONFIRMED));
      out.put(page, templates.render("grade/submission.ftl", view));
    }
    OverviewView overview = new OverviewView(report.title(), report.summary(), report.grades().size(),
        report.count(Grade.Status.JUDGED), report.count(Grade.Status.WRONG), report.count(Grade.Status.NOT_JUDGED),
        report.count(Grade.Status.UNREADABLE), report.commonMistakes(), rows);
    out.put("report.html", templates.render("grade/overview.ftl", overview));
    return out;
  }

  private static List<ClaimView> claims(Grade g, Claim.Outcome outcome) {
    return g.claims().stream().filter(c -> c.outcome() == outcome)
        .map(c -> new ClaimView(c.line(), c.tex(), c.message(), c.correction().orElse(""))).toList();
  }
}
