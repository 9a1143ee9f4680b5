package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unroll.derive.LossKind;
import dev.unroll.pipeline.LessonSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteConfigTest {
  @TempDir
  Path tmp;

  @Test
  void defaultsAreTheIssuesGrid() {
    SiteConfig c = SiteConfig.defaults();
    assertThat(c.title()).isEqualTo("Backpropagation through time, unrolled");
    assertThat(c.cells()).containsExactly("rnn", "lstm", "gru");
    assertThat(c.maxSteps()).isEqualTo(8);
    assertThat(c.parameters()).containsExactly("W", "U", "V");
    assertThat(c.activations()).containsExactly("tanh", "sigmoid");
    assertThat(c.losses()).containsExactly(LossKind.LAST, LossKind.TOTAL);
    assertThat(c.templates()).isEmpty();
    // 96 RNN lessons (8 N x 3 parameters x 2 activations x 2 losses) and 16 for each gated cell
    // (8 N x its one parameter x 2 losses; it has no activation to choose).
    assertThat(new SiteGrid(c).specs()).hasSize(96 + 16 + 16);
  }

  @Test
  void aUserFileOverridesOnlyWhatItNames() throws Exception {
    Path file = tmp.resolve("my.properties");
    Files.writeString(file, "title = My lessons\nlosses = total\nmax-steps = 2\ntemplates = tpl\n");
    SiteConfig c = SiteConfig.load(file);
    assertThat(c.title()).isEqualTo("My lessons");
    assertThat(c.losses()).containsExactly(LossKind.TOTAL);
    assertThat(c.parameters()).containsExactly("W", "U", "V");
    assertThat(c.templates()).contains(tmp.resolve("tpl").toAbsolutePath());
    assertThat(c.withMaxSteps(5).maxSteps()).isEqualTo(5);
  }

  @Test
  void theGridGoesByActivationParameterLossThenStages() {
    SiteConfig c = new SiteConfig("t", "d", List.of("rnn"), 2, List.of("W", "V"), java.util.Map.of(), List.of("sigmoid"),
        List.of(LossKind.LAST, LossKind.TOTAL), Optional.empty());
    SiteGrid grid = new SiteGrid(c);
    assertThat(grid.specs()).extracting(LessonSpec::slug).containsExactly(
        "rnn-sigmoid-W-last-1", "rnn-sigmoid-W-last-2", "rnn-sigmoid-W-total-1", "rnn-sigmoid-W-total-2",
        "rnn-sigmoid-V-last-1", "rnn-sigmoid-V-last-2", "rnn-sigmoid-V-total-1", "rnn-sigmoid-V-total-2");
    assertThat(grid.neighbour(grid.specs().get(0), 1).slug()).isEqualTo("rnn-sigmoid-W-last-2");
    assertThat(grid.neighbour(grid.specs().get(0), -1)).isNull();
    assertThat(grid.neighbour(grid.specs().get(1), 1)).isNull();
  }

  @Test
  void unknownKeysAndBadValuesAreSentences() throws Exception {
    Path file = tmp.resolve("bad.properties");
    Files.writeString(file, "titel = oops\n");
    assertThatThrownBy(() -> SiteConfig.load(file)).hasMessage("The site file " + file
        + " has an unknown key 'titel'; the keys are activations, cells, description, losses, max-steps, parameters,"
        + " templates, title and parameters.CELL.");
    Files.writeString(file, "max-steps = many\n");
    assertThatThrownBy(() -> SiteConfig.load(file))
        .hasMessage("max-steps in the site file " + file + " must be a whole number, got 'many'.");
    Files.writeString(file, "max-steps = 0\n");
    assertThatThrownBy(() -> SiteConfig.load(file))
        .hasMessage("In the site file " + file + ": max-steps must be between 1 and 200, got 0.");
    Files.writeString(file, "losses = first\n");
    assertThatThrownBy(() -> SiteConfig.load(file)).hasMessage("--loss must be last or total, got 'first'.");
    Files.writeString(file, "activations = \n");
    assertThatThrownBy(() -> SiteConfig.load(file)).hasMessageContaining("at least one cell, parameter, activation");
    assertThatThrownBy(() -> SiteConfig.load(tmp.resolve("missing.properties")))
        .hasMessage("Cannot read the site file '" + tmp.resolve("missing.properties") + "' given with --config: no such"
            + " file or folder.");
  }

  @Test
  void anActivationTheCellDoesNotKnowFailsBeforeAnyPage() {
    SiteConfig c = new SiteConfig("t", "d", List.of("rnn"), 2, List.of("W"), java.util.Map.of(), List.of("tanh", "swish"),
        List.of(LossKind.LAST), Optional.empty());
    assertThatThrownBy(() -> new SiteGrid(c))
        .hasMessage("The site's activations name 'swish', which no cell of the site knows.");
    SiteConfig none = new SiteConfig("t", "d", List.of("rnn"), 2, List.of("W"), java.util.Map.of(), List.of("swish"),
        List.of(LossKind.LAST), Optional.empty());
    assertThatThrownBy(() -> new SiteGrid(none)).hasMessageStartingWith("The cell 'rnn' has none of the site's"
        + " activations (swish); it knows ");
  }

  @Test
  void gatedCellsTakeTheirOwnParametersAndOneLessonForTheirOwnActivations() throws Exception {
    Path file = tmp.resolve("gated.properties");
    Files.writeString(file, "cells = built-in\nparameters.lstm = Uf\nparameters.gru = Uz, V\nlosses = last\n"
        + "max-steps = 1\nactivations = tanh\n");
    assertThat(new SiteGrid(SiteConfig.load(file)).specs()).extracting(dev.unroll.pipeline.LessonSpec::slug).containsExactly(
        "rnn-tanh-W-last-1", "rnn-tanh-U-last-1", "rnn-tanh-V-last-1", "lstm-Uf-last-1", "gru-Uz-last-1",
        "gru-V-last-1");
    Files.writeString(file, "cells = lstm\nparameters.lstm = W\n");
    assertThatThrownBy(() -> new SiteGrid(SiteConfig.load(file))).hasMessageStartingWith(
        "parameters.lstm names 'W', which the cell 'lstm' does not have; it has Wi, Ui, bi, ");
  }

  @Test
  void aCellFromAFileJoinsTheGridWithTheParametersItHas() throws Exception {
    String rnn;
    try (var in = getClass().getResourceAsStream("/cells/rnn.cell")) {
      rnn = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Files.writeString(tmp.resolve("tiny.cell"), rnn.replace("cell rnn", "cell tiny").replace("param  U : H x D\n", "")
        .replace("U x_t + W s_{t-1}", "W s_{t-1}"));
    Path file = tmp.resolve("two.properties");
    Files.writeString(file, "cells = rnn, tiny.cell\nactivations = tanh\nlosses = last\nmax-steps = 1\n");
    assertThat(new SiteGrid(SiteConfig.load(file)).specs()).extracting(LessonSpec::slug).containsExactly(
        "rnn-tanh-W-last-1", "rnn-tanh-U-last-1", "rnn-tanh-V-last-1", "tiny-tanh-W-last-1", "tiny-tanh-V-last-1");
  }
}
