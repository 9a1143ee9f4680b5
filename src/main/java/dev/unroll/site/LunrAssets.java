package dev.unroll.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Copies lunr, the browser's half of the site's search, from its WebJar on the class path into a
 * site's {@code lunr/} folder: the minified script and its licence. The index it reads is built in
 * Java ({@link SearchIndex}); pages load both from the site, never from a network.
 */
public final class LunrAssets {
  /** The WebJar's version; the pom's dependency must match, and the search index names it. */
  public static final String VERSION = "2.3.9";
  private static final String ROOT = "/META-INF/resources/webjars/lunr/" + VERSION + "/";
  private static final List<String> FILES = List.of("lunr.min.js", "LICENSE");

  /** Writes lunr's script and licence under {@code folder}. */
  public void copyTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (String file : FILES) {
      Files.write(folder.resolve(file), read(file));
    }
  }

  private static byte[] read(String file) {
    try (InputStream in = LunrAssets.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("The lunr WebJar " + VERSION + " is not on the class path (missing " + file + ").");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
