package dev.unroll.cli;

import dev.unroll.files.Sha256;
import dev.unroll.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files a served site is built from and that a user may edit while it is served: the site file,
 * every file of the site's template folder and every {@code .cell} file of its grid. A fingerprint is
 * their paths with a hash of each one's bytes (a missing file counts as its own state), so
 * {@link #changed()} sees an edit whatever the file system's clock does. The built-in cells and
 * templates live in the jar and do not change while it runs.
 */
final class SiteWatch {
  private final Optional<Path> configFile;
  private Map<String, String> last;

  SiteWatch(Optional<Path> configFile, SiteConfig config) {
    this.configFile = configFile;
    this.last = fingerprint(config);
  }

  /**
   * The inputs that differ from the last call (or from construction), by path; empty when none did.
   * The configuration passed is the one to watch from now on (a changed site file may name other cells).
   */
  List<String> changed(SiteConfig config) {
    Map<String, String> now = fingerprint(config);
    List<String> out = new ArrayList<>();
    for (String path : union(now, last)) {
      if (!String.valueOf(now.get(path)).equals(String.valueOf(last.get(path)))) {
        out.add(path);
      }
    }
    last = now;
    return out;
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    TreeMap<String, String> all = new TreeMap<>(a);
    b.forEach(all::putIfAbsent);
    return new ArrayList<>(all.keySet());
  }

  Map<String, String> fingerprint(SiteConfig config) {
    Map<String, String> out = new TreeMap<>();
    configFile.ifPresent(f -> out.put(f.toString(), hash(f)));
    for (String cell : config.cells()) {
      if (cell.endsWith(".cell")) {
        out.put(cell, hash(Path.of(cell)));
      }
    }
    if (config.templates().isPresent() && Files.isDirectory(config.templates().get())) {
      try (Stream<Path> walk = Files.walk(config.templates().get())) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          out.put(p.toString(), hash(p));
        }
      } catch (IOException e) {
        out.put(config.templates().get().toString(), "unreadable: " + e.getClass().getSimpleName());
      }
    }
    return out;
  }

  /** A cell file's bytes as part of a lesson's identity: the same spec with other bytes is another lesson. */
  static String hash(Path file) {
    try {
      return Sha256.hex(Files.readAllBytes(file));
    } catch (IOException e) {
      return "missing";
    }
  }
}
