package dev.unroll.site;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.Equation;
import dev.unroll.derive.Derivation;
import dev.unroll.derive.Differentiator;
import dev.unroll.derive.Forms;
import dev.unroll.derive.LocalCalculus;
import dev.unroll.derive.Term;
import dev.unroll.expr.Expr;
import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.Notation;
import dev.unroll.unroll.Unroller;
import java.util.List;
import java.util.function.Function;

/**
 * A stand-in for {@code pipeline.Pipeline} until it lands: a short lesson with the cell's equations,
 * the network's picture and the chain-rule sum in the lesson's chain notation, as Markdown and as a
 * LaTeX document. Lets {@code unroll site} run end to end today; the command switches to the real
 * pipeline when it is merged. Thread-safe.
 */
public final class DraftLessons implements Function<LessonSpec, Lesson> {
  /** The picture every draft lesson shows; the site writes the network's SVG there. */
  public static final String PICTURE = "assets/unrolled-network.svg";

  private final LatexWriter latex = new LatexWriter(Notation.LESSON);
  private final Forms forms = new Forms(new LocalCalculus() {
    @Override
    public Expr activationDerivative(String activation, Expr output, Expr input) {
      throw new UnsupportedOperationException("Draft lessons show the chain notation only.");
    }

    @Override
    public Expr softmaxCrossEntropyGradient(Expr probabilities, Expr target) {
      throw new UnsupportedOperationException("Draft lessons show the chain notation only.");
    }
  });

  @Override
  public Lesson apply(LessonSpec spec) {
    CellDefinition cell = new CellLibrary().load(spec.cell());
    if (!spec.activation().isEmpty()) {
      for (String placeholder : cell.placeholders().keySet()) {
        cell = cell.withPlaceholder(placeholder, spec.activation());
      }
    }
    Derivation d = new Differentiator().derive(new Unroller().unroll(cell, spec.steps()), spec.wrt(), spec.loss());
    List<Equation> equations = d.graph().equations();
    String cellEquations = latex.aligned(equations.stream().map(Equation::target).toList(),
        equations.stream().map(Equation::definition).toList());
    Expr loss = d.loss() == dev.unroll.derive.LossKind.LAST ? d.graph().lastLoss().label()
        : Expr.Symbol.param(cell.loss());
    Expr lhs = new Expr.Partial(loss, d.parameter().label());
    List<Expr> terms = d.terms().stream().map((Term t) -> forms.chain(t)).toList();
    String sum = latex.alignedSum(lhs, terms);
    String title = LessonPages.title(spec);
    String markdown = "# " + title + "\n\n"
        + "![The network unrolled over " + spec.steps() + " stages](" + PICTURE + ")\n\n"
        + "The cell computes, at every stage:\n\n$$" + cellEquations + "$$\n\n"
        + "## The gradient\n\nThe " + spec.loss().spelled() + " loss reaches $" + latex.write(d.parameter().label())
        + "$ along " + terms.size() + (terms.size() == 1 ? " path" : " paths") + ":\n\n$$" + sum + "$$\n";
    String tex = "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage[margin=2cm]{geometry}\n"
        + "\\DeclareMathOperator{\\sech}{sech}\n\\title{" + title + "}\n\\date{}\n\\begin{document}\n\\maketitle\n"
        + "The cell computes, at every stage:\n\\[\n" + cellEquations + "\n\\]\n"
        + "The " + spec.loss().spelled() + " loss reaches $" + latex.write(d.parameter().label()) + "$ along "
        + terms.size() + (terms.size() == 1 ? " path" : " paths") + ":\n\\[\n" + sum + "\n\\]\n\\end{document}\n";
    return new Lesson(spec, d, markdown, tex);
  }
}
