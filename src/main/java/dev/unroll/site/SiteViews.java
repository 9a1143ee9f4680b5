package dev.unroll.site;

import java.util.List;
import java.util.Objects;

/**
 * The typed models the site templates read. Plain text everywhere except {@code LessonPage.body},
 * which is the lesson's HTML (templates print it unescaped); paths are relative to the page.
 */
public final class SiteViews {
  private SiteViews() {
  }

  /** What every page shows of the site. */
  public record Site(String title, String description) {
    public Site {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(description, "description");
    }
  }

  public record Link(String href, String text) {
    public Link {
      Objects.requireNonNull(href, "href");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * The index: a sentence per cell and activation and its gradients, each linked to its lessons.
   *
   * @param root the path from the page to the site's root folder ({@code ""} or {@code "../../"})
   * @param summary how many lessons the site holds, on which cells
   */
  public record IndexPage(Site site, String root, String summary, List<IndexGroup> groups, int lessons, Chrome chrome) {
    public IndexPage {
      groups = List.copyOf(groups);
    }
  }

  /** The lessons of one cell and activation on the index: an anchor, a heading and a sentence. */
  public record IndexGroup(String id, String heading, String sentence, List<IndexGradient> gradients) {
    public IndexGroup {
      gradients = List.copyOf(gradients);
    }
  }

  /** One gradient on the index: its label links to its first lesson, the stepper to each N. */
  public record IndexGradient(String id, String label, String sentence, String href, List<Step> steps) {
    public IndexGradient {
      steps = List.copyOf(steps);
    }
  }

  /** One lesson in a stepper: its number of stages and whether it is the page being read. */
  public record Step(String href, int steps, boolean current) {
  }

  /** The sidebar: every cell, its activations, their gradients and stages. */
  public record Sidebar(List<SideCell> cells) {
    public Sidebar {
      cells = List.copyOf(cells);
    }
  }

  /** @param open whether the page being read is one of this cell's lessons */
  public record SideCell(String name, String title, boolean open, List<SideGroup> groups) {
    public SideCell {
      groups = List.copyOf(groups);
    }
  }

  /** @param activation the activation, or empty for a cell that fixes its own */
  public record SideGroup(String activation, List<SideGradient> gradients) {
    public SideGroup {
      gradients = List.copyOf(gradients);
    }
  }

  public record SideGradient(String label, boolean current, List<Step> steps) {
    public SideGradient {
      steps = List.copyOf(steps);
    }
  }

  /**
   * What every page has around its content.
   *
   * @param sidebar the site's lessons
   * @param breadcrumb the trail to this page (empty on the index); the last link is the page itself
   * @param contents the page's table of contents (empty when it has no sections)
   */
  public record Chrome(Sidebar sidebar, List<Link> breadcrumb, List<Contents> contents) {
    public Chrome {
      Objects.requireNonNull(sidebar, "sidebar");
      breadcrumb = List.copyOf(breadcrumb);
      contents = List.copyOf(contents);
    }
  }

  /** An entry of the table of contents; {@code html} is the heading's own HTML (its formulas kept). */
  public record Contents(int level, String id, String html) {
  }

  /**
   * One lesson's page.
   *
   * @param number the page's place in the grid, from 1
   * @param previous the same lesson with one stage fewer, or null on the first
   * @param next the same lesson with one stage more, or null on the last
   * @param pdf the lesson compiled by pdflatex, or null when the site has no PDFs
   * @param diagram the picture of the network, shown above the lesson unless its Markdown links the picture itself
   */
  public record LessonPage(Site site, String root, int number, int total, String title, String cell,
      String activation, String parameter, String loss, int steps, String body, Link previous, Link next,
      Link markdown, Link latex, Link notebook, Link pdf, Link diagram, boolean showDiagram, Chrome chrome) {
    public LessonPage {
      Objects.requireNonNull(body, "body");
    }
  }
}
