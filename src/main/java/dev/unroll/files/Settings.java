package dev.unroll.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A properties file of settings as the site's and the course's are read: the jar's built-in file
 * with a user's file laid over it key by key. The user's file is read as any input file is
 * ({@link TextFiles}); a key it gives must be one of the known keys or {@code PREFIX.NAME} for a
 * known prefix (as {@code parameters.lstm}), and anything else is refused with the list of keys.
 * Values are read as comma-separated lists with blanks and repeats dropped.
 *
 * @param origin how messages name the settings ("the site file site.properties")
 * @param base the folder of the user's file, against which relative paths in it resolve
 */
public record Settings(Properties values, String origin, Optional<Path> base) {
  /**
   * The built-in settings alone.
   *
   * @param resource the jar's resource ("/site/site.properties")
   */
  public static Settings builtIn(String resource) {
    return new Settings(resource(resource), "the built-in " + resource.substring(resource.lastIndexOf('/') + 1),
        Optional.empty());
  }

  /**
   * The built-in settings with a user's file laid over them.
   *
   * @param kind what the file is ("site file", "course file"), for messages
   * @param what how a read error names the file ("the site file 'x' given with --config")
   * @param keys the keys a user's file may give
   * @param prefixes the prefixes of keys it may give with any name after the dot
   * @throws IllegalArgumentException when the file cannot be read, is not a properties file, or has an unknown key
   */
  public static Settings overlay(String resource, Path file, String kind, String what, Set<String> keys,
      Set<String> prefixes) {
    String text = TextFiles.read(file, what);
    Properties user = new Properties();
    try {
      user.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("The " + kind + " " + file + " is not a properties file: " + e.getMessage() + ".");
    }
    Properties merged = resource(resource);
    for (String key : new TreeSet<>(user.stringPropertyNames())) {
      boolean prefixed = prefixes.stream().anyMatch(p -> key.matches(java.util.regex.Pattern.quote(p) + "\\.[A-Za-z0-9_-]+"));
      if (!keys.contains(key) && !prefixed) {
        throw new IllegalArgumentException("The " + kind + " " + file + " has an unknown key '" + key + "'; the keys are "
            + String.join(", ", new TreeSet<>(keys))
            + prefixes.stream().sorted().map(p -> " and " + p + ".CELL").reduce("", String::concat) + ".");
      }
      merged.setProperty(key, user.getProperty(key));
    }
    return new Settings(merged, "the " + kind + " " + file, Optional.of(file.toAbsolutePath().getParent()));
  }

  /** A value with its surrounding blanks removed; empty when the key is absent. */
  public String get(String key) {
    return values.getProperty(key, "").strip();
  }

  /** A comma-separated value as a list, blanks and repeats dropped. */
  public List<String> list(String key) {
    return Arrays.stream(values.getProperty(key, "").split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .distinct().toList();
  }

  /** Every {@code PREFIX.NAME} key's list, by NAME in order. */
  public Map<String, List<String>> lists(String prefix) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String key : values.stringPropertyNames()) {
      if (key.startsWith(prefix + ".")) {
        out.put(key.substring(prefix.length() + 1), list(key));
      }
    }
    return out;
  }

  /** A path written in the settings, against the user's file's folder when it is relative. */
  public String path(String written) {
    return base.map(b -> b.resolve(written).normalize().toString()).orElse(written);
  }

  private static Properties resource(String resource) {
    try (InputStream in = Settings.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The jar lacks the built-in resource " + resource + ".");
      }
      Properties p = new Properties();
      p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("The built-in resource " + resource + " cannot be read.", e);
    }
  }
}
