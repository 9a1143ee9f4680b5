package dev.unroll.course;

import java.util.List;
import java.util.Objects;

/**
 * What one exercise sheet shows, for the templates in {@code templates/exercise/}: every formula is
 * typeset by the engine's LaTeX writer from the variant's unrolled network; the templates hold the
 * words.
 *
 * @param sheetId names the course's seed and the variant, so a submission can be matched to its sheet
 * @param gated whether the cell is told in adjoint form (the LSTM, the GRU)
 * @param network the cell's equations as an {@code aligned} block
 * @param gradient the gradient asked for, such as {@code \frac{\partial E_{t+1}}{\partial W}}
 * @param newest the newest stage's time, {@code t+1}
 * @param oldest the oldest stage's time, {@code t+2-N}
 * @param initialState the state before the oldest stage, such as {@code s_{t-2}}
 * @param memory the state whose own path a gated cell's bound question follows ({@code c} of the
 *     LSTM, {@code h} of the GRU), or the RNN's state
 */
public record SheetView(
    String title,
    String student,
    String studentSlug,
    String sheetId,
    String cellTitle,
    String cellName,
    boolean gated,
    int steps,
    String loss,
    String lossTex,
    String parameterTex,
    String activation,
    String network,
    String gradient,
    String newest,
    String oldest,
    String stateTex,
    String initialState,
    String memory,
    boolean outputParameter,
    List<QuestionView> questions) {

  /** A question as the templates see it: its kind spelled as in a course file ({@code walk}, {@code sum}, ...). */
  public record QuestionView(int number, String kind, String title) {
    static QuestionView of(Question q) {
      return new QuestionView(q.number(), q.kind().spelled(), q.title());
    }
  }

  public SheetView {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(student, "student");
    questions = List.copyOf(questions);
  }
}
