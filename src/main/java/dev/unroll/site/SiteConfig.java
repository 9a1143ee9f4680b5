package dev.unroll.site;

import dev.unroll.derive.LossKind;
import dev.unroll.files.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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

  private static final String RESOURCE = "/site/site.properties";
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
    return parse(Settings.builtIn(RESOURCE));
  }

  /** The built-in defaults with a user's site file laid over them. */
  public static SiteConfig load(Path file) {
    return parse(Settings.overlay(RESOURCE, file, "site file", "the site file '" + file + "' given with --config", KEYS,
        Set.of("parameters")));
  }

  /** The same configuration with another number of stages (the command line's --max-steps). */
  public SiteConfig withMaxSteps(int steps) {
    return new SiteConfig(title, description, cells, steps, parameters, cellParameters, activations, losses, templates);
  }

  private static SiteConfig parse(Settings p) {
    String source = p.origin();
    String steps = p.get("max-steps");
    int maxSteps;
    try {
      maxSteps = Integer.parseInt(steps);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("max-steps in " + source + " must be a whole number, got '" + steps + "'.");
    }
    List<LossKind> losses = new ArrayList<>();
    for (String loss : p.list("losses")) {
      losses.add(LossKind.parse(loss));
    }
    List<String> cells = p.list("cells").stream().map(c -> c.endsWith(".cell") ? p.path(c) : c).toList();
    String templates = p.get("templates");
    Optional<Path> templateDir = templates.isEmpty() ? Optional.empty() : Optional.of(Path.of(p.path(templates)));
    try {
      return new SiteConfig(p.get("title"), p.get("description"), cells, maxSteps, p.list("parameters"),
          p.lists("parameters"), p.list("activations"), losses, templateDir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("In " + source + ": " + e.getMessage(), e);
    }
  }
}
