package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network pictures as a reader sees them: each lesson page of the site opened in headless
 * Chromium at a 1280-pixel-wide window, then its picture opened alone, and every label measured
 * from what the browser laid out. For the plain RNN, the LSTM and the GRU at N = 1, 4 and 12: the
 * page shows the picture at its own size (not shrunk into the column), each label's letters are at
 * the size of the lesson's body text and its subscripts at least 70% of it, every label's colour has
 * a contrast of 4.5:1 or more on the picture's ground (WCAG AA), no two labels overlap, and no
 * weight's label touches an arrow or a value's circle.
 */
class DiagramBrowserTest {
  @TempDir
  static Path tmp;

  static Path site;
  static DevTools browser;

  static Stream<Arguments> lessons() {
    List<Arguments> out = new ArrayList<>();
    for (String[] cell : new String[][] {{"rnn", "W", "tanh"}, {"lstm", "Uf", ""}, {"gru", "Uz", ""}}) {
      for (int n : new int[] {1, 4, 12}) {
        out.add(Arguments.of(new LessonSpec(cell[0], n, cell[1], cell[2], LossKind.LAST)));
      }
    }
    return out.stream();
  }

  @BeforeAll
  static void build() throws Exception {
    Path config = tmp.resolve("pictures.properties");
    Files.writeString(config, "cells = rnn, lstm, gru\nmax-steps = 12\nparameters = W\nactivations = tanh\nlosses = last\n");
    SiteConfig siteConfig = SiteConfig.load(config);
    LessonPages pages = new LessonPages(new SiteTemplates(siteConfig.templates()),
        new SiteViews.Site(siteConfig.title(), siteConfig.description()), new SiteGrid(siteConfig), Optional.empty());
    site = tmp.resolve("site");
    FakeLessons lessons = new FakeLessons();
    for (LessonSpec spec : lessons().map(a -> (LessonSpec) a.get()[0]).toList()) {
      Lesson lesson = lessons.apply(spec);
      for (Map.Entry<String, byte[]> file : pages.files(lesson, 1, 9, null, null).entrySet()) {
        Path to = site.resolve(file.getKey());
        Files.createDirectories(to.getParent());
        Files.write(to, file.getValue());
      }
    }
    Files.createDirectories(site.resolve("assets"));
    try (InputStream css = SiteBuilder.class.getResourceAsStream("/assets/site.css")) {
      Files.write(site.resolve("assets/site.css"), css.readAllBytes());
    }
    Files.createDirectories(tmp.resolve("profiles"));
    browser = Chromium.require(tmp.resolve("profiles")).devTools("--host-resolver-rules=MAP * ~NOTFOUND");
    for (String domain : List.of("Page", "Runtime")) {
      browser.send(domain + ".enable", Map.of());
    }
    browser.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
  }

  @AfterAll
  static void close() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  /** The lesson page's pictures of the network: how wide they are shown against how wide they are drawn. */
  private static final String SHOWN = """
      (() => {
        const body = parseFloat(getComputedStyle(document.querySelector('article.lesson')).fontSize);
        const pictures = [...document.querySelectorAll('img')].filter(i => i.src.endsWith('diagram.svg')
            || (i.src.endsWith('.svg') && !/-(norms|decay)\\.svg$/.test(i.src)));
        return {body, pictures: pictures.map(i => ({src: i.getAttribute('src'), shown: i.getBoundingClientRect().width,
            drawn: i.naturalWidth, complete: i.complete}))};
      })()""";

  /** Every text of the picture, with its box, its letters' sizes and colour; every arrow as points. */
  private static final String MEASURE = """
      (() => {
        const rgb = c => c.match(/[0-9.]+/g).slice(0, 3).map(Number);
        const ground = rgb(getComputedStyle(document.querySelector('svg > rect')).fill);
        const texts = [...document.querySelectorAll('text')].map(t => {
          const r = t.getBoundingClientRect();
          const spans = [...t.querySelectorAll('tspan')];
          return {kind: t.getAttribute('class'), text: t.textContent, box: [r.left, r.top, r.right, r.bottom],
              fill: rgb(getComputedStyle(t).fill), bold: getComputedStyle(t).fontWeight,
              main: parseFloat(getComputedStyle(spans.length ? spans[0] : t).fontSize),
              subs: spans.slice(1).map(s => parseFloat(getComputedStyle(s).fontSize))};
        });
        const lines = [...document.querySelectorAll('line')].map(l =>
            [[l.x1.baseVal.value, l.y1.baseVal.value], [l.x2.baseVal.value, l.y2.baseVal.value]]);
        const curves = [...document.querySelectorAll('svg > path')].map(p => {
          const n = Math.ceil(p.getTotalLength() / 2), pts = [];
          for (let i = 0; i <= n; i++) { const q = p.getPointAtLength(p.getTotalLength() * i / n); pts.push([q.x, q.y]); }
          return pts;
        });
        const circles = [...document.querySelectorAll('circle')].map(c => [c.cx.baseVal.value, c.cy.baseVal.value, c.r.baseVal.value]);
        return {ground, texts, arrows: lines.concat(curves), circles};
      })()""";

  @ParameterizedTest(name = "{0}")
  @MethodSource("lessons")
  void labelsAreLegibleAndClearOfEachOtherAndOfTheArrows(LessonSpec spec) throws Exception {
    Path page = site.resolve(LessonPages.page(spec));
    browser.navigate(page.toUri().toString());
    JsonNode shown = browser.evaluate(SHOWN);
    double body = shown.get("body").asDouble();
    assertThat(body).as("the lesson's body text size").isGreaterThan(10);
    assertThat(shown.get("pictures")).as("the page shows the network's picture").isNotEmpty();
    double scale = Double.MAX_VALUE;
    for (JsonNode p : shown.get("pictures")) {
      assertThat(p.get("complete").asBoolean() && p.get("drawn").asDouble() > 0).as("%s loaded", p.get("src")).isTrue();
      scale = Math.min(scale, p.get("shown").asDouble() / p.get("drawn").asDouble());
    }
    assertThat(scale).as("the page shows the picture at its own size, not shrunk into the column").isGreaterThanOrEqualTo(0.99);

    browser.navigate(page.resolveSibling("diagram.svg").toUri().toString());
    JsonNode m = browser.evaluate(MEASURE);
    double[] ground = numbers(m.get("ground"));
    List<JsonNode> texts = new ArrayList<>();
    m.get("texts").forEach(texts::add);
    assertThat(texts.stream().filter(t -> "weight".equals(t.path("kind").asText()))).as("weights are labelled").isNotEmpty();
    for (JsonNode t : texts) {
      String what = t.get("kind").asText() + " '" + t.get("text").asText() + "'";
      assertThat(t.get("main").asDouble() * scale).as("%s: letters at the body size %s px", what, body)
          .isGreaterThanOrEqualTo(0.95 * body);
      for (JsonNode sub : t.get("subs")) {
        assertThat(sub.asDouble() * scale).as("%s: subscript at least 70%% of the body size", what).isGreaterThanOrEqualTo(0.7 * body);
      }
      assertThat(contrast(numbers(t.get("fill")), ground)).as("%s: contrast on the picture's ground", what).isGreaterThanOrEqualTo(4.5);
    }
    for (int i = 0; i < texts.size(); i++) {
      for (int j = i + 1; j < texts.size(); j++) {
        assertThat(overlap(numbers(texts.get(i).get("box")), numbers(texts.get(j).get("box"))))
            .as("'%s' and '%s' overlap", texts.get(i).get("text").asText(), texts.get(j).get("text").asText()).isFalse();
      }
    }
    for (JsonNode t : texts) {
      if (!"weight".equals(t.get("kind").asText())) {
        continue;
      }
      double[] box = numbers(t.get("box"));
      for (JsonNode arrow : m.get("arrows")) {
        for (int k = 0; k + 1 < arrow.size(); k++) {
          assertThat(crosses(numbers(arrow.get(k)), numbers(arrow.get(k + 1)), box))
              .as("the label '%s' at %s lies on an arrow", t.get("text").asText(), Arrays.toString(box)).isFalse();
        }
      }
      for (JsonNode c : m.get("circles")) {
        double[] circle = numbers(c);
        double dx = circle[0] - Math.max(box[0], Math.min(circle[0], box[2]));
        double dy = circle[1] - Math.max(box[1], Math.min(circle[1], box[3]));
        assertThat(Math.hypot(dx, dy)).as("the label '%s' covers a value's circle", t.get("text").asText()).isGreaterThan(circle[2]);
      }
    }
  }

  private static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static boolean overlap(double[] a, double[] b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  /** Whether the segment from p to q enters the rectangle: sampled every half pixel. */
  private static boolean crosses(double[] p, double[] q, double[] box) {
    int n = (int) Math.ceil(Math.hypot(q[0] - p[0], q[1] - p[1]) * 2) + 1;
    for (int i = 0; i <= n; i++) {
      double x = p[0] + (q[0] - p[0]) * i / n;
      double y = p[1] + (q[1] - p[1]) * i / n;
      if (x > box[0] && x < box[2] && y > box[1] && y < box[3]) {
        return true;
      }
    }
    return false;
  }

  /** WCAG 2's contrast ratio of two sRGB colours given as 0-255 channels. */
  static double contrast(double[] a, double[] b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(double[] rgb) {
    double[] lin = new double[3];
    for (int i = 0; i < 3; i++) {
      double c = rgb[i] / 255;
      lin[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  }
}
