package dev.unroll.site;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.LessonSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The lessons of a site in page order: by cell, activation, parameter and loss, then N = 1..max.
 * Checks the configuration against each cell before any page is built, so a misspelt parameter
 * fails at once with a sentence, not on page 37.
 */
final class SiteGrid {
  private final List<LessonSpec> specs;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, String> cellTitles = new HashMap<>();

  SiteGrid(SiteConfig config) {
    CellLibrary library = new CellLibrary();
    List<LessonSpec> out = new ArrayList<>();
    Set<String> usedParameters = new HashSet<>();
    Set<String> usedActivations = new HashSet<>();
    boolean anyGeneral = false;
    boolean anyPlaceholder = false;
    List<String> cells = config.cells().equals(List.of(SiteConfig.BUILT_IN_CELLS)) ? CellLibrary.BUILT_IN : config.cells();
    for (String cellName : cells) {
      CellDefinition cell = library.load(cellName);
      cellTitles.put(cellName, cell.title());
      List<String> declared = cell.declarations(Declaration.Kind.PARAM).stream().map(Declaration::name).toList();
      // A grid names parameters and activations for all its cells; each cell takes those it has.
      List<String> own = config.cellParameters().get(cell.name());
      if (own != null) {
        for (String p : own) {
          if (!declared.contains(p)) {
            throw new IllegalArgumentException("parameters." + cell.name() + " names '" + p + "', which the cell '"
                + cell.name() + "' does not have; it has " + String.join(", ", declared) + ".");
          }
        }
      }
      List<String> parameters = own != null ? own : config.parameters().stream().filter(declared::contains).toList();
      // A cell with no activation placeholder ignores the activation: one lesson, not one per activation.
      List<String> activations = cell.placeholders().isEmpty() ? List.of("")
          : config.activations().stream().filter(cell.activations()::containsKey).toList();
      if (parameters.isEmpty() || activations.isEmpty()) {
        throw new IllegalArgumentException("The cell '" + cell.name() + "' has none of the site's "
            + (parameters.isEmpty() ? "parameters (" + String.join(", ", config.parameters()) + "); it has "
                + String.join(", ", declared)
                : "activations (" + String.join(", ", config.activations()) + "); it knows "
                + String.join(", ", cell.activations().keySet())) + ".");
      }
      if (own == null) {
        anyGeneral = true;
        usedParameters.addAll(parameters);
      }
      if (!cell.placeholders().isEmpty()) {
        anyPlaceholder = true;
        usedActivations.addAll(activations);
      }
      for (String activation : activations) {
        for (String parameter : parameters) {
          for (LossKind loss : config.losses()) {
            for (int n = 1; n <= config.maxSteps(); n++) {
              out.add(new LessonSpec(cellName, n, parameter, activation, loss));
            }
          }
        }
      }
    }
    for (String p : anyGeneral ? config.parameters() : List.<String>of()) {
      if (!usedParameters.contains(p)) {
        throw new IllegalArgumentException("The site's parameters name '" + p + "', which no cell of the site has.");
      }
    }
    for (String a : anyPlaceholder ? config.activations() : List.<String>of()) {
      if (!usedActivations.contains(a)) {
        throw new IllegalArgumentException("The site's activations name '" + a + "', which no cell of the site knows.");
      }
    }
    this.specs = List.copyOf(out);
    for (int i = 0; i < specs.size(); i++) {
      if (index.put(specs.get(i).slug(), i) != null) {
        throw new IllegalArgumentException("Two cells of the site share the name of '" + specs.get(i).cell()
            + "'; give each .cell file its own name.");
      }
    }
  }

  List<LessonSpec> specs() {
    return specs;
  }

  String cellTitle(String cell) {
    return cellTitles.get(cell);
  }

  /** The same lesson with {@code delta} more stages, or null when the grid has none. */
  LessonSpec neighbour(LessonSpec spec, int delta) {
    LessonSpec other = new LessonSpec(spec.cell(), spec.steps() + delta, spec.wrt(), spec.activation(), spec.loss());
    Integer at = index.get(other.slug());
    return at == null ? null : specs.get(at);
  }
}
