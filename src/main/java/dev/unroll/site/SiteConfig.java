package dev.unroll.site;

import dev.unroll.derive.LossKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a site holds: its title and the grid of lessons. Read from the built-in
 * {@code site/site.properties} with a user's file laid over it, so every key has a default.
 *
 * @param cells built-in cell names or paths of .cell files
 * @param maxSteps the grid runs over 1..maxSteps stages
 * @param cellParameters parameters of one cell (by its name) in place of {@code parameters}
 * @param templates a folder of the user's own templates, or empty for the built-in ones
 */
public record SiteConfig(
    String title,
    String description,
    List<String> cells,
    int maxSteps,
    List<String> parameters,
    Map<String, List<String>> cellParameters,
    List<String> activations,
    List<LossKind> losses,
    Optional<Path> templates) {

  /** The value of {@code cells} that means every built-in cell, as more arrive. */
  public static final String BUILT_IN_CELLS = "built-in";

  /** The most stages a site grid may have: pages grow with N and a site is for reading. */
  public static final int MAX_STEPS = 200;

  private static final Set<String> KEYS = Set.of(
      "title", "description", "cells", "max-steps", "parameters", "activations", "losses", "templates");

  public SiteConfig {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    cells = List.copyOf(cells);
    parameters = List.copyOf(parameters);
    cellParameters = Collections.unmodifiableMap(new TreeMap<>(cellParameters));
    activations = List.copyOf(activations);
    losses = List.copyOf(losses);
    Objects.requireNonNull(templates, "templates");
    if (maxSteps < 1 || maxSteps > MAX_STEPS) {
      throw new IllegalArgumentException("max-steps must be between 1 and " + MAX_STEPS + ", got " + maxSteps + ".");
    }
    for (List<?> list : List.of(cells, parameters, activations, losses)) {
      if (list.isEmpty()) {
        throw new IllegalArgumentException("The site needs at least one cell, parameter, activation and loss.");
      }
    }
  }

  /** The built-in defaults. */
  public static SiteConfig defaults() {
    return parse(builtIn(), "the built-in site.properties", Optional.empty());
  }

  /** The built-in defaults with a user's site file laid over them. */
  public static SiteConfig load(Path file) {
    String text = dev.unroll.files.TextFiles.read(file, "the site file '" + file + "' given with --config");
    Properties user = properties(new StringReader(text), file.toString());
    Properties merged = builtIn();
    for (String key : new TreeSet<>(user.stringPropertyNames())) {
      if (!KEYS.contains(key) && !key.matches("parameters\\.[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("The site file " + file + " has an unknown key '" + key
            + "'; the keys are " + String.join(", ", new TreeSet<>(KEYS)) + " and parameters.CELL.");
      }
      merged.setProperty(key, user.getProperty(key));
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(merged, "the site file " + file, Optional.of(base));
  }

  /** The same configuration with another number of stages (the command line's --max-steps). */
  public SiteConfig withMaxSteps(int steps) {
    return new SiteConfig(title, description, cells, steps, parameters, cellParameters, activations, losses, templates);
  }

  private static SiteConfig parse(Properties p, String source, Optional<Path> base) {
    String steps = p.getProperty("max-steps", "").strip();
    int maxSteps;
    try {
      maxSteps = Integer.parseInt(steps);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("max-steps in " + source + " must be a whole number, got '" + steps + "'.");
    }
    List<LossKind> losses = new ArrayList<>();
    for (String loss : list(p, "losses")) {
      losses.add(LossKind.parse(loss));
    }
    List<String> cells = list(p, "cells").stream()
        .map(c -> base.isPresent() && c.endsWith(".cell") ? base.get().resolve(c).normalize().toString() : c)
        .toList();
    String templates = p.getProperty("templates", "").strip();
    Optional<Path> templateDir = templates.isEmpty() ? Optional.empty()
        : Optional.of(base.map(b -> b.resolve(templates)).orElse(Path.of(templates)).normalize());
    try {
      Map<String, List<String>> cellParameters = new TreeMap<>();
      for (String key : p.stringPropertyNames()) {
        if (key.startsWith("parameters.")) {
          cellParameters.put(key.substring("parameters.".length()), list(p, key));
        }
      }
      return new SiteConfig(p.getProperty("title", "").strip(), p.getProperty("description", "").strip(), cells,
          maxSteps, list(p, "parameters"), cellParameters, list(p, "activations"), losses, templateDir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("In " + source + ": " + e.getMessage(), e);
    }
  }

  private static List<String> list(Properties p, String key) {
    return Arrays.stream(p.getProperty(key, "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
  }

  private static Properties builtIn() {
    try (InputStream in = SiteConfig.class.getResourceAsStream("/site/site.properties")) {
      if (in == null) {
        throw new IllegalStateException("The jar lacks the built-in resource site/site.properties.");
      }
      return properties(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), "site.properties");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties properties(Reader reader, String source) {
    Properties p = new Properties();
    try {
      p.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot read " + source + " as a site file: " + e.getMessage() + ".");
    }
    return p;
  }
}
