package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unroll.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report {@code unroll grade} writes, opened in headless Chromium as a teacher opens it: the
 * class overview and every submission's page typeset with no KaTeX error, no request leaving the
 * report's folder, no console error, and the overview's counts equal to {@code grades.csv}'s. Uses
 * the site's browser helpers: the report is a small site of its own.
 */
class GradeReportBrowserTest {
  @TempDir
  Path tmp;

  @Test
  void theReportAndEverySubmissionPageReadWellOffline() throws Exception {
    Path out = tmp.toRealPath().resolve("grades");
    StringWriter err = new StringWriter();
    int exit = Main.run(new String[] {"grade", "src/test/resources/grade/class", "--manifest",
        "src/test/resources/grade/exercises.json", "--out", out.toString()}, new PrintWriter(new StringWriter()),
        new PrintWriter(err));
    assertThat(exit).as(err.toString()).isEqualTo(3);
    Path report = out.toRealPath();
    assertThat(SiteLinks.problems(report)).as("links that leave the report or lead nowhere").isEmpty();

    List<String> pages = new ArrayList<>(List.of("report.html"));
    try (Stream<Path> s = Files.list(report.resolve("submissions"))) {
      s.map(p -> "submissions/" + p.getFileName()).sorted().forEach(pages::add);
    }
    assertThat(pages).hasSizeGreaterThan(25);
    Files.createDirectories(tmp.resolve("profiles"));
    String base = report.toUri().toString();
    try (DevTools tools = Chromium.require(tmp.resolve("profiles")).devTools("--host-resolver-rules=MAP * ~NOTFOUND")) {
      for (String domain : List.of("Page", "Runtime", "Network", "Log")) {
        tools.send(domain + ".enable", Map.of());
      }
      for (String page : pages) {
        String html = Files.readString(report.resolve(page), StandardCharsets.UTF_8);
        int formulas = html.split("<span class=\"math ", -1).length - 1;
        tools.navigate(base + page);
        tools.waitFor("document.documentElement.hasAttribute('data-math-rendered')", Duration.ofSeconds(30));
        assertThat(tools.evaluate("document.documentElement.getAttribute('data-math-rendered')").asInt()).as(page)
            .isEqualTo(formulas);
        assertThat(tools.evaluate("document.querySelectorAll('.katex-error').length").asInt()).as(page).isZero();
        assertThat(tools.evaluate("document.querySelectorAll('.katex').length").asInt()).as(page)
            .isGreaterThanOrEqualTo(formulas);
      }
      tools.navigate(base + "report.html");
      tools.waitFor("document.documentElement.hasAttribute('data-math-rendered')", Duration.ofSeconds(30));
      List<String> csv = Files.readAllLines(report.resolve("grades.csv"), StandardCharsets.UTF_8);
      for (String status : List.of("judged", "wrong", "not_judged", "unreadable")) {
        long inCsv = csv.stream().skip(1).filter(l -> l.contains("," + status.replace('_', ' ') + ",")).count();
        assertThat(tools.evaluate("document.querySelector('[data-count=\"" + status + "\"]').textContent").asText())
            .as(status).isEqualTo(Long.toString(inCsv));
      }
      assertThat(tools.evaluate("document.querySelector('[data-count=\"submissions\"]').textContent").asText())
          .isEqualTo(Integer.toString(csv.size() - 1));
      assertThat(tools.evaluate("document.querySelectorAll('#grades tbody tr').length").asInt()).isEqualTo(csv.size() - 1);
      // Sorting by the "Wrong" column puts the most wrong claims first on the second click.
      tools.evaluate("(() => { const th = document.querySelectorAll('#grades thead th')[6]; th.click(); th.click(); })()");
      assertThat(tools.evaluate("+document.querySelector('#grades tbody tr td:nth-of-type(6)').textContent").asInt())
          .isPositive();
      List<String> foreign = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (JsonNode e : tools.events()) {
        String method = e.path("method").asText();
        JsonNode p = e.path("params");
        if (method.equals("Network.requestWillBeSent")) {
          String url = p.path("request").path("url").asText();
          if (!url.startsWith(base) && !url.startsWith("data:") && !url.equals("about:blank")) {
            foreign.add(url);
          }
        } else if (method.equals("Runtime.exceptionThrown")
            || method.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error")
            || method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
          errors.add(p.toString());
        }
      }
      assertThat(foreign).as("requests outside the report's folder").isEmpty();
      assertThat(errors).as("console errors").isEmpty();
    }
  }
}
