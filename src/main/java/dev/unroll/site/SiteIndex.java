package dev.unroll.site;

import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.LessonSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The site's front page: for each cell and activation, a table of its lessons by parameter, loss and N. */
final class SiteIndex {
  private final SiteGrid grid;
  private final SiteTemplates templates;
  private final SiteViews.Site site;

  SiteIndex(SiteGrid grid, SiteTemplates templates, SiteViews.Site site) {
    this.grid = grid;
    this.templates = templates;
    this.site = site;
  }

  String html() {
    Map<String, Map<String, List<LessonSpec>>> sections = new LinkedHashMap<>();
    for (LessonSpec spec : grid.specs()) {
      String heading = grid.cellTitle(spec.cell()) + " (" + LessonPages.cellName(spec) + ")" + (spec.activation().isEmpty() ? "" : ", " + spec.activation());
      String row = spec.wrt() + "\n" + spec.loss().spelled();
      sections.computeIfAbsent(heading, k -> new LinkedHashMap<>()).computeIfAbsent(row, k -> new ArrayList<>()).add(spec);
    }
    List<SiteViews.Grid> grids = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<LessonSpec>>> section : sections.entrySet()) {
      List<SiteViews.Row> rows = new ArrayList<>();
      List<Integer> steps = List.of();
      for (List<LessonSpec> row : section.getValue().values()) {
        steps = row.stream().map(LessonSpec::steps).toList();
        LessonSpec first = row.get(0);
        rows.add(new SiteViews.Row(first.wrt(), first.loss() == LossKind.LAST ? "last" : "total",
            row.stream().map(s -> new SiteViews.Link(LessonPages.page(s), String.valueOf(s.steps()))).toList()));
      }
      grids.add(new SiteViews.Grid(section.getKey(), steps, rows));
    }
    return templates.render(SiteTemplates.INDEX, new SiteViews.IndexPage(site, "", grids, grid.specs().size()));
  }
}
