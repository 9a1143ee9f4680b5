package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.LessonSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The navigation's sentences and links follow the grid it is given. */
class SiteNavigationTest {
  @TempDir
  Path tmp;

  private SiteNavigation navigation(String properties) throws Exception {
    Path file = tmp.resolve("nav.properties");
    Files.writeString(file, properties);
    return new SiteNavigation(new SiteGrid(SiteConfig.load(file)));
  }

  @Test
  void theIndexSaysWhatEachGroupHoldsFromTheGrid() throws Exception {
    SiteNavigation nav = navigation("cells = rnn, lstm\nparameters = W, U\nactivations = sigmoid\nlosses = total\nmax-steps = 4\n");
    assertThat(nav.summary()).isEqualTo("12 lessons on 2 cells: rnn (Simple recurrent network) and lstm (Long short-term"
        + " memory with a forget gate).");
    assertThat(nav.indexGroups()).extracting(SiteViews.IndexGroup::id).containsExactly("rnn-sigmoid", "lstm");
    assertThat(nav.indexGroups().get(0).sentence()).isEqualTo("Simple recurrent network, with sigmoid: the gradient of the"
        + " total loss by W and U, each unrolled over 1 to 4 stages; 8 lessons.");
    assertThat(nav.indexGroups().get(1).sentence()).isEqualTo("Long short-term memory with a forget gate, with the"
        + " activations its file fixes: the gradient of the total loss by Uf, unrolled over 1 to 4 stages; 4 lessons.");
    SiteViews.IndexGradient w = nav.indexGroups().get(0).gradients().get(0);
    assertThat(w.id()).isEqualTo("rnn-sigmoid-W-total");
    assertThat(w.href()).isEqualTo("lessons/rnn-sigmoid-W-total-1/index.html");
    assertThat(w.steps()).extracting(SiteViews.Step::steps).containsExactly(1, 2, 3, 4);
  }

  @Test
  void aLessonsSidebarOpensItsCellAndMarksItsPlace() throws Exception {
    SiteNavigation nav = navigation("cells = rnn, gru\nparameters = V\nactivations = tanh, relu\nmax-steps = 2\n");
    LessonSpec spec = new LessonSpec("rnn", 2, "V", "relu", LossKind.LAST);
    SiteViews.Sidebar sidebar = nav.sidebar("../../", spec);
    assertThat(sidebar.cells()).extracting(SiteViews.SideCell::name).containsExactly("rnn", "gru");
    assertThat(sidebar.cells()).extracting(SiteViews.SideCell::open).containsExactly(true, false);
    SiteViews.SideCell rnn = sidebar.cells().get(0);
    assertThat(rnn.groups()).extracting(SiteViews.SideGroup::activation).containsExactly("tanh", "relu");
    SiteViews.SideGradient current = rnn.groups().get(1).gradients().get(0);
    assertThat(current.label()).isEqualTo("last loss by V");
    assertThat(current.current()).isTrue();
    assertThat(current.steps()).extracting(SiteViews.Step::current).containsExactly(false, true);
    assertThat(current.steps().get(1).href()).isEqualTo("../../lessons/rnn-relu-V-last-2/index.html");
    assertThat(nav.breadcrumb("../../", spec)).extracting(SiteViews.Link::href).containsExactly("../../index.html",
        "../../index.html#rnn-relu", "../../index.html#rnn-relu-V-last", "index.html");
    assertThat(nav.breadcrumb("../../", spec)).extracting(SiteViews.Link::text).containsExactly("All lessons", "rnn, relu",
        "last loss by V", "N = 2");
  }
}
