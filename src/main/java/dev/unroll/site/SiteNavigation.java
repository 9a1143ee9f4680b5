package dev.unroll.site;

import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.LessonSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a reader finds a lesson: the grid's lessons grouped by cell and activation, then by gradient
 * (parameter and loss), each gradient a row of stages N = 1..max. Gives the sidebar and breadcrumb of
 * a lesson page and the sections of the index, with every sentence made from the grid's own data.
 * Paths are relative to the site's root; the views prefix them with the page's way up to it, so the
 * site works from any folder or sub-path.
 */
final class SiteNavigation {
  /** The lessons of one cell and activation. */
  record Group(String id, String cellName, String cellTitle, String activation, List<Gradient> gradients) {
    Group {
      gradients = List.copyOf(gradients);
    }

    /** {@code rnn, tanh} or {@code lstm}: the group's short name. */
    String label() {
      return cellName + (activation.isEmpty() ? "" : ", " + activation);
    }
  }

  /** The lessons of one parameter and loss, in order of N. */
  record Gradient(String id, String parameter, LossKind loss, List<LessonSpec> lessons) {
    Gradient {
      Objects.requireNonNull(parameter, "parameter");
      lessons = List.copyOf(lessons);
    }

    String label() {
      return loss.spelled() + " loss by " + parameter;
    }
  }

  private final List<Group> groups;
  private final int lessons;

  SiteNavigation(SiteGrid grid) {
    Map<String, Map<String, List<LessonSpec>>> byGroup = new LinkedHashMap<>();
    Map<String, LessonSpec> firstOf = new LinkedHashMap<>();
    for (LessonSpec spec : grid.specs()) {
      String group = groupId(spec);
      firstOf.putIfAbsent(group, spec);
      byGroup.computeIfAbsent(group, k -> new LinkedHashMap<>())
          .computeIfAbsent(gradientId(spec), k -> new ArrayList<>()).add(spec);
    }
    List<Group> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<LessonSpec>>> g : byGroup.entrySet()) {
      LessonSpec first = firstOf.get(g.getKey());
      List<Gradient> gradients = new ArrayList<>();
      for (Map.Entry<String, List<LessonSpec>> row : g.getValue().entrySet()) {
        LessonSpec one = row.getValue().get(0);
        gradients.add(new Gradient(row.getKey(), one.wrt(), one.loss(), row.getValue()));
      }
      out.add(new Group(g.getKey(), LessonPages.cellName(first), grid.cellTitle(first.cell()), first.activation(), gradients));
    }
    this.groups = List.copyOf(out);
    this.lessons = grid.specs().size();
  }

  List<Group> groups() {
    return groups;
  }

  static String groupId(LessonSpec spec) {
    return LessonPages.cellName(spec) + (spec.activation().isEmpty() ? "" : "-" + spec.activation());
  }

  static String gradientId(LessonSpec spec) {
    return groupId(spec) + "-" + spec.wrt() + "-" + spec.loss().spelled();
  }

  /** The sidebar of a page; {@code current} is the page's lesson, or null on the index. */
  SiteViews.Sidebar sidebar(String root, LessonSpec current) {
    String here = current == null ? null : groupId(current);
    String row = current == null ? null : gradientId(current);
    List<SiteViews.SideCell> cells = new ArrayList<>();
    Map<String, List<Group>> byCell = new LinkedHashMap<>();
    for (Group g : groups) {
      byCell.computeIfAbsent(g.cellName(), k -> new ArrayList<>()).add(g);
    }
    for (Map.Entry<String, List<Group>> cell : byCell.entrySet()) {
      List<SiteViews.SideGroup> sideGroups = new ArrayList<>();
      boolean open = false;
      for (Group g : cell.getValue()) {
        open |= g.id().equals(here);
        List<SiteViews.SideGradient> rows = new ArrayList<>();
        for (Gradient gradient : g.gradients()) {
          rows.add(new SiteViews.SideGradient(gradient.label(), gradient.id().equals(row),
              steps(root, gradient, current)));
        }
        sideGroups.add(new SiteViews.SideGroup(g.activation(), rows));
      }
      String title = cell.getValue().get(0).cellTitle();
      cells.add(new SiteViews.SideCell(cell.getKey(), title, open, sideGroups));
    }
    return new SiteViews.Sidebar(cells);
  }

  /** The trail from the index to a lesson: all lessons, its group, its gradient; the page itself last. */
  List<SiteViews.Link> breadcrumb(String root, LessonSpec spec) {
    Group group = groups.stream().filter(g -> g.id().equals(groupId(spec))).findFirst().orElseThrow();
    Gradient gradient = group.gradients().stream().filter(r -> r.id().equals(gradientId(spec))).findFirst().orElseThrow();
    return List.of(new SiteViews.Link(root + "index.html", "All lessons"),
        new SiteViews.Link(root + "index.html#" + group.id(), group.label()),
        new SiteViews.Link(root + "index.html#" + gradient.id(), gradient.label()),
        new SiteViews.Link("index.html", "N = " + spec.steps()));
  }

  /** The index's sections: one per cell and activation, a sentence each, and its gradients as rows. */
  List<SiteViews.IndexGroup> indexGroups() {
    List<SiteViews.IndexGroup> out = new ArrayList<>();
    for (Group g : groups) {
      List<SiteViews.IndexGradient> rows = new ArrayList<>();
      for (Gradient gradient : g.gradients()) {
        LessonSpec first = gradient.lessons().get(0);
        String sentence = "The gradient of the " + (gradient.loss() == LossKind.LAST ? "newest stage's loss" : "loss summed over every stage")
            + " with respect to " + gradient.parameter() + ", " + range(gradient.lessons()) + ".";
        rows.add(new SiteViews.IndexGradient(gradient.id(), gradient.label(), sentence,
            LessonPages.page(first), steps("", gradient, null)));
      }
      out.add(new SiteViews.IndexGroup(g.id(), g.cellTitle() + " (" + g.label() + ")", sentence(g), rows));
    }
    return out;
  }

  /** The index's opening sentence: how many lessons, on which cells. */
  String summary() {
    Map<String, String> cells = new LinkedHashMap<>();
    for (Group g : groups) {
      cells.putIfAbsent(g.cellName(), g.cellTitle());
    }
    List<String> named = cells.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
    return lessons + (lessons == 1 ? " lesson" : " lessons") + " on " + (cells.size() == 1 ? "one cell: " : cells.size() + " cells: ")
        + series(named) + ".";
  }

  private static String sentence(Group g) {
    List<String> parameters = g.gradients().stream().map(Gradient::parameter).distinct().toList();
    List<String> losses = g.gradients().stream().map(r -> "the " + r.loss().spelled()).distinct().toList();
    List<LessonSpec> all = g.gradients().stream().flatMap(r -> r.lessons().stream()).toList();
    return g.cellTitle() + (g.activation().isEmpty() ? ", with the activations its file fixes" : ", with " + g.activation())
        + ": the gradient of " + series(losses) + " loss by " + series(parameters) + ", "
        + (g.gradients().size() > 1 ? "each " : "") + range(all) + "; " + all.size()
        + (all.size() == 1 ? " lesson." : " lessons.");
  }

  /** {@code unrolled over 1 to 8 stages}, from the lessons' own numbers of stages. */
  private static String range(List<LessonSpec> lessons) {
    int min = lessons.stream().mapToInt(LessonSpec::steps).min().orElseThrow();
    int max = lessons.stream().mapToInt(LessonSpec::steps).max().orElseThrow();
    return "unrolled over " + (min == max ? min + (min == 1 ? " stage" : " stages") : min + " to " + max + " stages");
  }

  private static String series(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  private static List<SiteViews.Step> steps(String root, Gradient gradient, LessonSpec current) {
    List<SiteViews.Step> out = new ArrayList<>();
    for (LessonSpec s : gradient.lessons()) {
      out.add(new SiteViews.Step(root + LessonPages.page(s), s.steps(), s.equals(current)));
    }
    return out;
  }
}
