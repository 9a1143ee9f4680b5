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
   * The index: one grid per cell and activation.
   *
   * @param root the path from the page to the site's root folder ({@code ""} or {@code "../../"})
   */
  public record IndexPage(Site site, String root, List<Grid> grids, int lessons) {
    public IndexPage {
      grids = List.copyOf(grids);
    }
  }

  /** Lessons of one cell and activation: a row per parameter and loss, a column per number of stages. */
  public record Grid(String heading, List<Integer> steps, List<Row> rows) {
    public Grid {
      steps = List.copyOf(steps);
      rows = List.copyOf(rows);
    }
  }

  public record Row(String parameter, String loss, List<Link> lessons) {
    public Row {
      lessons = List.copyOf(lessons);
    }
  }

  /**
   * One lesson's page.
   *
   * @param number the page's place in the grid, from 1
   * @param previous the same lesson with one stage fewer, or null on the first
   * @param next the same lesson with one stage more, or null on the last
   * @param diagram the picture of the network, shown above the lesson unless its Markdown links the picture itself
   */
  public record LessonPage(Site site, String root, int number, int total, String title, String cell,
      String activation, String parameter, String loss, int steps, String body, Link previous, Link next,
      Link markdown, Link latex, Link notebook, Link diagram, boolean showDiagram) {
    public LessonPage {
      Objects.requireNonNull(body, "body");
    }
  }
}
