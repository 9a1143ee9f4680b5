package dev.unroll.pipeline;

import dev.unroll.derive.LossKind;
import dev.unroll.numeric.CheckReport;
import dev.unroll.numeric.Source;
import dev.unroll.render.LatexWriter;
import dev.unroll.render.LessonView;
import dev.unroll.render.LessonView.Part;
import dev.unroll.symbolic.CrossCheckResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "Checked" section in a reader's words, made from the checks' own records: what was compared,
 * at which sizes and stages and why those, and how closely it agreed. Every number and size is read
 * from the record, so the sentence stays true whatever N a check ran at. Also stores a symbolic
 * check's record in the answer cache and reads it back, so a cached lesson says the same.
 */
final class CheckedWords {
  private CheckedWords() {}

  /** The symbolic check: the unrolled loss differentiated forward, gate by gate, against the lesson's sum. */
  static LessonView.CheckView symbolic(CrossCheckResult r, int lessonSteps) {
    return symbolic(r, r.parameter(), lessonSteps, "the lesson's sum ", stages(r.steps())
        + " already hold every kind of factor the lesson's terms are built from");
  }

  /**
   * A gated cell's symbolic check: the same forward derivative against the gradient its adjoint
   * equations give.
   */
  static LessonView.CheckView adjointSymbolic(CrossCheckResult r, String parameterTex, int lessonSteps) {
    return symbolic(r, parameterTex, lessonSteps, "the gradient the lesson's adjoint equations give (each equation evaluated in "
        + "order at the same point, from the stage values and the adjoints it names) ", stages(r.steps())
        + " already hold every kind of adjoint equation a longer lesson has");
  }

  private static LessonView.CheckView symbolic(CrossCheckResult r, String parameterTex, int lessonSteps, String compared,
      String enough) {
    List<Part> w = new ArrayList<>();
    w.add(Part.text("the " + r.loss().spelled() + " loss was differentiated with respect to each of the " + r.entries()
        + " entries of "));
    w.add(Part.math(parameterTex));
    w.add(Part.text(" by a route that shares nothing with the lesson's backward walk: forward through the network "
        + "unrolled over "));
    w.add(Part.math("N = " + r.steps()));
    w.add(Part.text(" stage" + (r.steps() == 1 ? "" : "s") + ", one gate at a time, each gate's derivative taken "
        + "exactly from its definition in the cell. The result " + (r.passed() ? "matches" : "does NOT match")
        + " " + compared));
    if (r.mode() == CrossCheckResult.Mode.EXACT) {
      w.add(Part.text("exactly: every difference simplified to 0."));
    } else {
      w.add(Part.text("at " + r.points() + " random rational point" + (r.points() == 1 ? "" : "s") + " in " + r.digits()
          + "-digit arithmetic: the largest difference is "));
      w.add(Part.math(LatexWriter.number(r.worstAbsolute())));
      w.add(Part.text(", relative "));
      w.add(Part.math(LatexWriter.number(r.worstRelative())));
      w.add(Part.text(", where "));
      w.add(Part.math(LatexWriter.number(r.tolerance())));
      w.add(Part.text(" is allowed."));
    }
    w.add(Part.text(" The network is small, "));
    w.add(Part.math(sizes(r.sizes())));
    w.add(Part.text(", because the exact work grows with every entry of every matrix, and 2 is the smallest size at "
        + "which every product is a true matrix product. "));
    if (r.steps() == lessonSteps) {
      w.add(Part.text("It ran at this lesson's own " + stages(lessonSteps) + "."));
    } else {
      w.add(Part.text("It ran at " + stages(r.steps()) + ", not at this lesson's " + lessonSteps + ", because the exact "
          + "work grows with every stage; " + enough + ", and the numeric check runs at all "
          + lessonSteps + "."));
    }
    return new LessonView.CheckView("symbolic check", r.passed(), w);
  }

  /** The numeric check: every gradient source against automatic differentiation on seeded weights. */
  static LessonView.CheckView numeric(CheckReport r) {
    List<Part> w = new ArrayList<>();
    List<Source> compared = r.sources().stream().filter(s -> s != Source.AUTOMATIC_DIFFERENTIATION).toList();
    w.add(Part.text("on seeded random weights with "));
    w.add(Part.math(sizes(r.sizes())));
    w.add(Part.text(", over " + (r.steps() == 1 ? "the lesson's one stage" : "all " + r.steps() + " of the lesson's stages")
        + (r.activation().isEmpty() ? "" : " with the " + r.activation() + " activation") + " and the " + r.loss().spelled()
        + " loss, " + list(compared.stream().map(Source::phrase).toList()) + (compared.size() == 1 ? " was" : " were each")
        + " compared with forward-mode automatic differentiation on " + r.entries() + ". The largest relative "
        + "differences, normwise per parameter: "));
    for (int i = 0; i < compared.size(); i++) {
      Source s = compared.get(i);
      w.add(Part.text((i == 0 ? "" : ", ") + s.label() + " "));
      w.add(Part.math(LatexWriter.number(r.worst(s).orElse(Double.NaN))));
    }
    w.add(Part.text(", where "));
    w.add(Part.math(LatexWriter.number(Source.EXACT)));
    w.add(Part.text(" is allowed on top of the rounding floor measured for this gradient"));
    if (compared.contains(Source.FINITE_DIFFERENCES)) {
      w.add(Part.text(", and finite differences, which are approximate, may also be off by twice the error they "
          + "estimate for themselves"));
    }
    w.add(Part.text(". The sizes differ from one another so that a transposed or misplaced matrix cannot fit by accident."
        + (r.passed() ? "" : " Failed: " + String.join("; ", r.failures().stream()
            .map(f -> f.source().label() + " of the gradient of " + f.parameter()).toList()) + ".")
        + r.notes().stream().map(n -> " " + Character.toUpperCase(n.charAt(0)) + n.substring(1)).reduce("", String::concat)));
    return new LessonView.CheckView("numeric check", r.passed(), w);
  }

  /** A symbolic check's record as the answer cache keeps it, one {@code key=value} a line. */
  static String encode(CrossCheckResult r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("parameter", r.parameter());
    m.put("loss", r.loss().name());
    m.put("steps", Integer.toString(r.steps()));
    r.sizes().forEach((k, v) -> m.put("size." + k, Integer.toString(v)));
    m.put("entries", Integer.toString(r.entries()));
    m.put("points", Integer.toString(r.points()));
    m.put("mode", r.mode().name());
    m.put("digits", Integer.toString(r.digits()));
    m.put("worstAbsolute", Double.toString(r.worstAbsolute()));
    m.put("worstRelative", Double.toString(r.worstRelative()));
    m.put("tolerance", Double.toString(r.tolerance()));
    m.put("passed", Boolean.toString(r.passed()));
    StringBuilder out = new StringBuilder();
    m.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    return out.toString();
  }

  /** The record {@link #encode} wrote, or empty if the text is not one (an older cache's entry). */
  static Optional<CrossCheckResult> decode(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        return Optional.empty();
      }
      String k = line.substring(0, eq);
      String v = line.substring(eq + 1);
      if (k.startsWith("size.")) {
        sizes.put(k.substring(5), Integer.parseInt(v));
      } else {
        m.put(k, v);
      }
    }
    try {
      return Optional.of(new CrossCheckResult(m.get("parameter"), LossKind.valueOf(m.get("loss")),
          Integer.parseInt(m.get("steps")), sizes, Integer.parseInt(m.get("entries")), Integer.parseInt(m.get("points")),
          CrossCheckResult.Mode.valueOf(m.get("mode")), Integer.parseInt(m.get("digits")),
          Double.parseDouble(m.get("worstAbsolute")), Double.parseDouble(m.get("worstRelative")),
          Double.parseDouble(m.get("tolerance")), Boolean.parseBoolean(m.get("passed"))));
    } catch (RuntimeException e) {
      return Optional.empty(); // not a record this version wrote: ask again
    }
  }

  /** {@code H = 4, D = 3, K = 3}: hidden, input and output sizes in the lesson's order. */
  private static String sizes(Map<String, Integer> sizes) {
    List<String> order = new ArrayList<>(List.of("H", "D", "K"));
    sizes.keySet().stream().filter(k -> !order.contains(k)).sorted().forEach(order::add);
    return String.join(", \\; ", order.stream().filter(sizes::containsKey).map(k -> k + " = " + sizes.get(k)).toList());
  }

  private static String stages(int n) {
    return n == 1 ? "one stage" : n + " stages";
  }

  private static String list(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
