package dev.unroll.site;

import java.util.List;

/**
 * The site's front page: a sentence naming every cell the site holds, then for each cell and
 * activation a sentence saying what its lessons are and, per gradient, a link to its first lesson and
 * a stepper through N; the sidebar lists the same lessons.
 */
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
    SiteNavigation navigation = new SiteNavigation(grid);
    List<SiteViews.IndexGroup> groups = navigation.indexGroups();
    List<SiteViews.Contents> contents = groups.stream()
        .map(g -> new SiteViews.Contents(2, g.id(), MathExtension.escape(g.heading()))).toList();
    SiteViews.Chrome chrome = new SiteViews.Chrome(navigation.sidebar("", null), List.of(), contents);
    return templates.render(SiteTemplates.INDEX,
        new SiteViews.IndexPage(site, "", navigation.summary(), groups, grid.specs().size(), chrome));
  }
}
