package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads a sample of a built site's pages in a real headless Chromium, driven over DevTools, in the
 * light and the dark theme (emulated {@code prefers-color-scheme}), opened from disk with every host
 * name unresolvable: the theme is applied, the search finds the LSTM lessons for "forget gate", every
 * link of the sidebar, breadcrumb and table of contents names a page and an anchor that exist, the copy
 * button hands the formula's own TeX to the clipboard API, every picture has alt text and loads, and
 * the page makes no request outside the site and logs no error.
 */
class SiteReadingTest {
  private static final List<String> PAGES = List.of("index.html", "lessons/rnn-tanh-W-total-3/index.html",
      "lessons/lstm-Uf-last-2/index.html");
  private static final Pattern DISPLAY = Pattern.compile("<span class=\"math display\">(.*?)</span>", Pattern.DOTALL);
  private static final Map<String, String> BACKGROUND = Map.of("light", "rgb(255, 255, 255)", "dark", "rgb(22, 24, 28)");

  @TempDir
  static Path tmp;

  static Path site;
  static String base;

  @BeforeAll
  static void build() throws Exception {
    Path config = tmp.resolve("reading.properties");
    Files.writeString(config, "parameters = W, V\nmax-steps = 3\n");
    site = tmp.toRealPath().resolve("site");
    new SiteBuilder(new FakeLessons(), 2).build(SiteConfig.load(config), site, SiteBuilder.Progress.NONE);
    base = site.toUri().toString();
    Files.createDirectories(tmp.resolve("profiles"));
  }

  static Stream<Arguments> pagesInBothThemes() {
    return Stream.of("light", "dark").flatMap(theme -> PAGES.stream().map(page -> Arguments.of(theme, page)));
  }

  private static DevTools browser(String theme) throws Exception {
    Chromium chromium = Chromium.require(tmp.resolve("profiles"));
    DevTools tools = chromium.devTools("--host-resolver-rules=MAP * ~NOTFOUND");
    for (String domain : List.of("Page", "Runtime", "Network", "Log")) {
      tools.send(domain + ".enable", Map.of());
    }
    tools.send("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
    return tools;
  }

  @ParameterizedTest(name = "{1} in the {0} theme")
  @MethodSource("pagesInBothThemes")
  void aPageReadsWellAndItsSearchAndLinksWork(String theme, String page) throws Exception {
    try (DevTools tools = browser(theme)) {
      tools.navigate(base + page);
      tools.waitFor("document.documentElement.hasAttribute('data-math-rendered')", Duration.ofSeconds(30));
      assertThat(tools.evaluate("document.documentElement.getAttribute('data-theme')").asText()).isEqualTo(theme);
      assertThat(tools.evaluate("getComputedStyle(document.body).backgroundColor").asText()).isEqualTo(BACKGROUND.get(theme));
      assertThat(tools.evaluate("document.documentElement.lang").asText()).isEqualTo("en");
      assertThat(tools.evaluate("document.querySelectorAll('.katex-error').length").asInt()).isZero();
      assertThat(tools.evaluate("[...document.images].filter(i => !i.alt.trim()).map(i => i.src)")).isEmpty();
      tools.waitFor("[...document.images].every(i => i.complete)", Duration.ofSeconds(10));
      assertThat(tools.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")).isEmpty();
      assertThat(tools.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(h => !h.id).length").asInt())
          .as("headings without an id").isZero();

      linksNameFilesAndAnchorsThatExist(tools, page);
      searchForForgetGateListsTheLstmLessons(tools);
      if (!page.equals("index.html")) {
        theCopyButtonCopiesTheFormulasTex(tools, page);
      }
      assertNothingLeftTheSiteAndNoError(tools);
    }
  }

  private static void linksNameFilesAndAnchorsThatExist(DevTools tools, String page) throws Exception {
    JsonNode hrefs = tools.evaluate("[...document.querySelectorAll('#sidebar a, #contents a, #breadcrumb a, .permalink, .gradients a')]"
        + ".map(a => a.href)");
    int fragments = 0;
    List<String> links = new ArrayList<>();
    hrefs.forEach(h -> links.add(h.asText()));
    assertThat(links).as("links of %s", page).hasSizeGreaterThan(30);
    for (String href : links) {
      assertThat(href).as("a link of %s", page).startsWith(base);
      URI uri = URI.create(href);
      Path target = Path.of(new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, null));
      assertThat(target).as("the target of %s on %s", href, page).isRegularFile();
      if (uri.getFragment() != null) {
        fragments++;
        assertThat(Files.readString(target)).as("%s names an anchor of %s", href, target.getFileName())
            .contains("id=\"" + uri.getFragment() + "\"");
      }
    }
    assertThat(fragments).as("links to anchors on %s", page).isPositive();
  }

  private static void searchForForgetGateListsTheLstmLessons(DevTools tools) throws Exception {
    tools.evaluate("(() => { const i = document.getElementById('search-input'); i.focus(); i.value = 'forget gate';"
        + " i.dispatchEvent(new Event('input')); })()");
    tools.waitFor("document.querySelectorAll('#search-results a').length > 0", Duration.ofSeconds(20));
    List<String> found = new ArrayList<>();
    tools.evaluate("[...document.querySelectorAll('#search-results a')].map(a => a.href)").forEach(h -> found.add(h.asText()));
    List<String> lstm = new ArrayList<>();
    try (Stream<Path> lessons = Files.list(site.resolve("lessons"))) {
      lessons.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lstm-")).sorted()
          .forEach(n -> lstm.add(base + "lessons/" + n + "/index.html"));
    }
    assertThat(lstm).hasSize(6);
    assertThat(found).as("search results for 'forget gate'").containsAll(lstm);
    assertThat(found.subList(0, lstm.size())).as("the LSTM lessons come first").containsExactlyInAnyOrderElementsOf(lstm);
    for (String href : found) {
      assertThat(href).startsWith(base);
      URI uri = URI.create(href);
      assertThat(Path.of(new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, null))).isRegularFile();
    }
    // a word that no lesson has finds nothing and says so
    tools.evaluate("(() => { const i = document.getElementById('search-input'); i.value = 'zebra';"
        + " i.dispatchEvent(new Event('input')); })()");
    assertThat(tools.evaluate("document.querySelectorAll('#search-results a').length").asInt()).isZero();
    assertThat(tools.evaluate("document.querySelector('#search-results .search-count').textContent").asText())
        .isEqualTo("No lesson matches.");
  }

  private static void theCopyButtonCopiesTheFormulasTex(DevTools tools, String page) throws Exception {
    Matcher m = DISPLAY.matcher(Files.readString(site.resolve(page)));
    assertThat(m.find()).as("%s has a display formula", page).isTrue();
    String tex = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    int buttons = tools.evaluate("document.querySelectorAll('button.copy-tex').length").asInt();
    assertThat(buttons).isEqualTo(tools.evaluate("document.querySelectorAll('.math.display').length").asInt()).isPositive();
    tools.evaluate("(() => { window.copied = []; Object.defineProperty(navigator, 'clipboard', {configurable: true,"
        + " value: {writeText: t => { window.copied.push(t); return Promise.resolve(); }}}); })()");
    tools.evaluate("document.querySelector('button.copy-tex').click()");
    tools.waitFor("window.copied.length === 1", Duration.ofSeconds(5));
    assertThat(tools.evaluate("window.copied[0]").asText()).isEqualTo(tex);
    tools.waitFor("document.querySelector('button.copy-tex').textContent === 'Copied'", Duration.ofSeconds(5));
  }

  private static void assertNothingLeftTheSiteAndNoError(DevTools tools) {
    List<String> foreign = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int requests = 0;
    for (JsonNode e : tools.events()) {
      String method = e.path("method").asText();
      JsonNode p = e.path("params");
      if (method.equals("Network.requestWillBeSent")) {
        requests++;
        String url = p.path("request").path("url").asText();
        if (!url.startsWith(base) && !url.startsWith("data:") && !url.equals("about:blank")) {
          foreign.add(url);
        }
      } else if (method.equals("Runtime.exceptionThrown")) {
        errors.add(p.path("exceptionDetails").toString());
      } else if (method.equals("Runtime.consoleAPICalled") && List.of("error", "warning", "assert").contains(p.path("type").asText())) {
        errors.add(p.toString());
      } else if (method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
        errors.add(p.path("entry").toString());
      }
    }
    assertThat(requests).as("requests the page made").isPositive();
    assertThat(foreign).as("requests outside the site").isEmpty();
    assertThat(errors).as("console errors").isEmpty();
  }

  @Test
  void theThemeToggleIsRememberedOverTheSystemsChoice() throws Exception {
    try (DevTools tools = browser("dark")) {
      tools.navigate(base + "lessons/rnn-tanh-W-last-1/index.html");
      assertThat(tools.evaluate("document.documentElement.getAttribute('data-theme')").asText()).isEqualTo("dark");
      tools.evaluate("document.getElementById('theme-toggle').click()");
      assertThat(tools.evaluate("document.documentElement.getAttribute('data-theme')").asText()).isEqualTo("light");
      assertThat(tools.evaluate("getComputedStyle(document.body).backgroundColor").asText()).isEqualTo(BACKGROUND.get("light"));
      tools.navigate(base + "lessons/gru-Uz-total-3/index.html");
      assertThat(tools.evaluate("document.documentElement.getAttribute('data-theme')").asText())
          .as("the choice outlives the page").isEqualTo("light");
      tools.evaluate("document.getElementById('theme-toggle').click()");
      tools.navigate(base + "index.html");
      assertThat(tools.evaluate("document.documentElement.getAttribute('data-theme')").asText()).isEqualTo("dark");
      assertNothingLeftTheSiteAndNoError(tools);
    }
  }
}
