package dev.unroll.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A link checker for a built site: every {@code href}, {@code src} and CSS {@code url()} in every
 * page and style sheet, and every image of every Markdown file, must name a file inside the site;
 * any reference to another host is a network request and fails too. A link with a fragment
 * ({@code page.html#id}, {@code #id}) must name an element id of its page.
 */
final class SiteLinks {
  private static final Pattern HTML_REF = Pattern.compile("\\b(?:href|src)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^)'\"]+)['\"]?\\s*\\)");

  private SiteLinks() {
  }

  /** The problems found, one sentence each, sorted; empty when every link resolves. */
  static List<String> problems(Path site) throws IOException {
    TreeSet<String> problems = new TreeSet<>();
    Map<Path, String> pages = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(site, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      Pattern pattern = name.endsWith(".html") ? HTML_REF : name.endsWith(".css") ? CSS_URL
          : name.endsWith(".md") ? Pattern.compile("!\\[[^\\]]*\\]\\(([^)\\s]+)") : null;
      if (pattern == null) {
        continue;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        String ref = m.group(1);
        String where = site.relativize(file) + ": '" + ref + "'";
        if (ref.matches("(?i)[a-z][a-z0-9+.-]*:.*") || ref.startsWith("//")) {
          if (!ref.startsWith("data:")) {
            problems.add(where + " leaves the site");
          }
          continue;
        }
        String path = ref.replaceAll("[?#].*$", "");
        Path target = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!target.startsWith(site)) {
          problems.add(where + " points outside the site");
        } else if (!Files.isRegularFile(target)) {
          problems.add(where + " is missing");
        } else if (ref.contains("#") && name.endsWith(".html")) {
          String id = ref.substring(ref.indexOf('#') + 1);
          if (!pages.computeIfAbsent(target, SiteLinks::read).contains("id=\"" + id + "\"")) {
            problems.add(where + " names no element of " + site.relativize(target));
          }
        }
      }
    }
    return new ArrayList<>(problems);
  }

  private static String read(Path page) {
    try {
      return Files.readString(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
