package dev.unroll.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies KaTeX from its WebJar on the class path into a site's {@code katex/} folder: the minified
 * script and style sheet and every font file the style sheet names, so pages typeset their formulas
 * without a network connection.
 */
public final class KatexAssets {
  /** The WebJar's version; the pom's dependency must match. */
  public static final String VERSION = "0.16.44";
  private static final String DIST = "/META-INF/resources/webjars/katex/" + VERSION + "/dist/";
  private static final Pattern URL = Pattern.compile("url\\(([^)]+)\\)");

  /** The files a site needs, relative to {@code katex/}, in a fixed order. */
  public List<String> files() {
    String css = new String(read("katex.min.css"), StandardCharsets.UTF_8);
    TreeSet<String> fonts = new TreeSet<>();
    Matcher m = URL.matcher(css);
    while (m.find()) {
      fonts.add(m.group(1).replace("\"", "").replace("'", ""));
    }
    List<String> files = new ArrayList<>(List.of("katex.min.css", "katex.min.js"));
    files.addAll(fonts);
    return files;
  }

  /** Every file of {@link #files()} with its bytes, by its path relative to {@code katex/}. */
  public java.util.SortedMap<String, byte[]> contents() {
    java.util.SortedMap<String, byte[]> out = new java.util.TreeMap<>();
    for (String file : files()) {
      out.put(file, read(file));
    }
    return out;
  }

  /** Writes every file of {@link #files()} under {@code folder}. */
  public void copyTo(Path folder) throws IOException {
    for (String file : files()) {
      Path target = folder.resolve(file).normalize();
      if (!target.startsWith(folder)) {
        throw new IllegalStateException("KaTeX's style sheet names a file outside its folder: " + file);
      }
      Files.createDirectories(target.getParent());
      Files.write(target, read(file));
    }
  }

  private static byte[] read(String file) {
    try (InputStream in = KatexAssets.class.getResourceAsStream(DIST + file)) {
      if (in == null) {
        throw new IllegalStateException("The KaTeX WebJar " + VERSION + " is not on the class path (missing " + file + ").");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
