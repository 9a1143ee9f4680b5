package dev.unroll.site;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.LessonSpec;
import java.util.ArrayList;
import java.util.HashMap;
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
    for (String cellName : config.cells()) {
      CellDefinition cell = library.load(cellName);
      cellTitles.put(cellName, cell.title());
      List<String> params = cell.declarations(Declaration.Kind.PARAM).stream().map(Declaration::name).toList();
      for (String p : config.parameters()) {
        if (!params.contains(p)) {
          throw new IllegalArgumentException("The site's parameters name '" + p + "', which the cell '" + cell.name()
              + "' does not have; it has " + String.join(", ", params) + ".");
        }
      }
      for (String a : config.activations()) {
        if (!cell.activations().containsKey(a)) {
          throw new IllegalArgumentException("The site's activations name '" + a + "', which the cell '" + cell.name()
              + "' does not know; it knows " + String.join(", ", cell.activations().keySet()) + ".");
        }
      }
      for (String activation : config.activations()) {
        for (String parameter : config.parameters()) {
          for (LossKind loss : config.losses()) {
            for (int n = 1; n <= config.maxSteps(); n++) {
              out.add(new LessonSpec(cellName, n, parameter, activation, loss));
            }
          }
        }
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
