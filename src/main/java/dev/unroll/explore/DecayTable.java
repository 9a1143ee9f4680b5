package dev.unroll.explore;

import dev.unroll.render.LatexWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The measured decay as tables: one summary row per setting, then every term's norm against its
 * bound. Markdown and LaTeX show each number as a reader writes it ({@link TableNumber}: {@code 0.25},
 * {@code 3.09 × 10⁻²⁰}), right-aligned, the Markdown padded so that its columns line up in the text
 * too; CSV gives every number exactly, one row per setting and reach.
 */
public final class DecayTable {
  private DecayTable() {}

  /** A number as the plot's labels print it: {@code 0.25}, {@code 3.09 × 10⁻²⁰}. */
  public static String number(double x) {
    return TableNumber.of(x).text();
  }

  /** The summary table's rows (a label column, then numbers and a yes/no), header first. */
  private static List<List<String>> summary(Decay d, boolean latex) {
    String m = d.matrix();
    List<List<String>> rows = new ArrayList<>();
    rows.add(latex
        ? List.of("$\\sigma_{\\max}(" + m + ")$ asked", "$\\sigma_{\\max}(" + m + ")$", "$\\gamma\\sigma$",
            "oldest product's spectral norm", "its bound", "all under the bound", "total norm", "clipped total")
        : List.of("σ_max(" + m + ") asked", "σ_max(" + m + ")", "γσ", "oldest product's spectral norm", "its bound",
            "all under the bound", "total norm", "clipped total"));
    for (Decay.Run r : d.runs()) {
      Decay.TermNorm oldest = r.terms().get(r.terms().size() - 1);
      boolean under = r.terms().stream().allMatch(Decay.TermNorm::under);
      String label = r.setting().label();
      rows.add(List.of(latex ? LatexWriter.text(label) : label, show(r.sigma(), latex), show(r.gain(), latex),
          show(oldest.spectral(), latex), show(oldest.bound(), latex), under ? "yes" : "NO", show(r.total(), latex),
          show(r.clipped(), latex)));
    }
    return rows;
  }

  /** The per-term table's rows: the reach, then measured and bound for each setting, header first. */
  private static List<List<String>> terms(Decay d, boolean latex) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of(latex ? "$j$" : "j"));
    for (Decay.Run r : d.runs()) {
      String label = latex ? LatexWriter.text(r.setting().label()) : r.setting().label();
      header.add("measured, " + label);
      header.add("bound, " + label);
    }
    rows.add(header);
    for (int j = 0; j < d.steps(); j++) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(j)));
      for (Decay.Run r : d.runs()) {
        Decay.TermNorm t = r.terms().get(j);
        row.add(show(t.spectral(), latex));
        row.add(show(t.bound(), latex));
      }
      rows.add(row);
    }
    return rows;
  }

  private static String show(double x, boolean latex) {
    TableNumber n = TableNumber.of(x);
    return latex ? n.latex() : n.text();
  }

  public static String markdown(Decay d) {
    StringBuilder out = new StringBuilder();
    out.append("# Decay of the terms of dE/d").append(d.matrix()).append(", ").append(d.activation()).append("\n\n")
        .append("γ = max |f′| = ").append(number(d.gamma())).append(" (found symbolically); ")
        .append(d.steps()).append(" stages; seed ").append(d.seed()).append("; clipping threshold ")
        .append(number(d.threshold())).append(".\n\n")
        .append("A term reaching j stages back carries a product of j Jacobians diag(f′(z_k)) ").append(d.matrix())
        .append("ᵀ; the tables give that product's spectral norm (its largest singular value). ")
        .append("The bound is (γ σ_max(").append(d.matrix()).append("))^j.\n\n");
    aligned(out, summary(d, false), 1);
    out.append('\n');
    aligned(out, terms(d, false), 0);
    return out.toString();
  }

  /**
   * A Markdown table whose cells are padded to their column's width: words left, numbers right (as
   * the alignment row tells a renderer), from column {@code firstNumbers} on.
   */
  private static void aligned(StringBuilder out, List<List<String>> rows, int firstNumbers) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(Math.max(width[c], 3), length(row.get(c)));
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      out.append('|');
      for (int c = 0; c < columns; c++) {
        String cell = rows.get(i).get(c);
        String pad = " ".repeat(width[c] - length(cell));
        out.append(' ').append(c >= firstNumbers && i > 0 ? pad + cell : cell + pad).append(" |");
      }
      out.append('\n');
      if (i == 0) {
        out.append('|');
        for (int c = 0; c < columns; c++) {
          out.append(c >= firstNumbers ? "-".repeat(width[c] + 1) + ":|" : ":" + "-".repeat(width[c] + 1) + "|");
        }
        out.append('\n');
      }
    }
  }

  /** Characters as a reader counts them: a superscript digit or a combining-free letter is one. */
  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** The tables as a LaTeX document (article, the tables in tabular, numbers in math). */
  public static String latex(Decay d) {
    StringBuilder out = new StringBuilder();
    out.append("\\documentclass{article}\n\\usepackage[margin=2cm]{geometry}\n\\usepackage{amsmath}\n")
        .append("\\begin{document}\n\\section*{")
        .append(LatexWriter.text("Decay of the terms of dE/d" + d.matrix() + ", " + d.activation())).append("}\n\n")
        .append("$\\gamma = \\max |f'| = ").append(TableNumber.of(d.gamma()).latex().replace("$", ""))
        .append("$ (found symbolically); ").append(d.steps()).append(" stages; seed ").append(d.seed())
        .append("; clipping threshold ").append(TableNumber.of(d.threshold()).latex()).append(".\n")
        .append("A term reaching $j$ stages back carries a product of $j$ Jacobians $\\operatorname{diag}(f'(z_k))\\,")
        .append(d.matrix()).append("^\\top$; the tables give that product's spectral norm (its largest singular value). ")
        .append("The bound is $(\\gamma\\,\\sigma_{\\max}(").append(d.matrix()).append("))^j$.\n\n");
    tabular(out, summary(d, true), 1);
    tabular(out, terms(d, true), 0);
    return out.append("\\end{document}\n").toString();
  }

  private static void tabular(StringBuilder out, List<List<String>> rows, int firstNumbers) {
    int columns = rows.get(0).size();
    out.append("\\begin{center}\n\\small\n\\begin{tabular}{").append("l".repeat(firstNumbers))
        .append("r".repeat(columns - firstNumbers)).append("}\n");
    for (int i = 0; i < rows.size(); i++) {
      List<String> cells = i == 0 ? rows.get(i).stream().map(DecayTable::stacked).toList() : rows.get(i);
      out.append(String.join(" & ", cells)).append(" \\\\\n");
      if (i == 0) {
        out.append("\\hline\n");
      }
    }
    out.append("\\end{tabular}\n\\end{center}\n\n");
  }

  /** A LaTeX heading over lines of about 14 characters, so that eight columns fit the page. */
  private static String stacked(String heading) {
    if (heading.length() <= 14 || heading.contains("$")) {
      return heading;
    }
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : heading.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > 14) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return "\\begin{tabular}[b]{@{}c@{}}" + String.join(" \\\\ ", lines) + "\\end{tabular}";
  }

  /**
   * Every measured number, exactly: one row per setting and reach, with the setting's summary
   * repeated, in a form spreadsheets and scripts read back to the same doubles.
   */
  public static String csv(Decay d) {
    StringBuilder out = new StringBuilder(
        "activation,gamma,setting,sigma,gain,reach,spectral,bound,under,norm,count,total,clipped\n");
    for (Decay.Run r : d.runs()) {
      for (Decay.TermNorm t : r.terms()) {
        out.append(String.join(",", d.activation(), TableNumber.exact(d.gamma()), quoted(r.setting().label()),
            TableNumber.exact(r.sigma()), TableNumber.exact(r.gain()), Integer.toString(t.reach()),
            TableNumber.exact(t.spectral()), TableNumber.exact(t.bound()), Boolean.toString(t.under()),
            TableNumber.exact(t.norm()), Integer.toString(t.count()), TableNumber.exact(r.total()),
            TableNumber.exact(r.clipped()))).append('\n');
      }
    }
    return out.toString();
  }

  private static String quoted(String field) {
    return field.matches("[^,\"\n]*") ? field : "\"" + field.replace("\"", "\"\"") + "\"";
  }
}
