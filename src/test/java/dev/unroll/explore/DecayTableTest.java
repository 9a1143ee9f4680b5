package dev.unroll.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The explore tables print numbers as a teacher writes them (no e-notation), aligned, and the CSV
 * keeps every number exactly.
 */
class DecayTableTest {
  private static final Pattern E_NOTATION = Pattern.compile("\\d[eE][-+]?\\d");
  private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

  /** Terms shrinking over many orders of magnitude, as a vanishing gradient's do. */
  private static Decay decay() {
    List<Decay.TermNorm> terms = new ArrayList<>();
    for (int j = 0; j < 12; j++) {
      terms.add(new Decay.TermNorm(j, Math.pow(0.017, j) * 1.2345678, Math.pow(0.0123, j) * 0.98765, Math.pow(0.25, j), 1));
    }
    return new Decay("sigmoid", 0.25, "W", 12, 7, 0.1, dev.unroll.derive.LossKind.LAST,
        List.of(new Decay.Run(Setting.parse("0.5/gamma"), 2, 0.5, terms, 1.234567e-7, 1.234567e-7),
            new Decay.Run(Setting.parse("6"), 6, 1.5, terms, 123456.789, 0.1)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
    "3.093e-20; 3.09 × 10⁻²⁰; $3.09 \\times 10^{-20}$",
    "0.5; 0.5; $0.5$",
    "0.11984; 0.1198; $0.1198$",
    "9.996e-6; 1.00 × 10⁻⁵; $1.00 \\times 10^{-5}$",
    "123456; 1.23 × 10⁵; $1.23 \\times 10^{5}$",
    "-2.5e-7; −2.50 × 10⁻⁷; $-2.50 \\times 10^{-7}$",
    "0; 0; $0$",
    "0.001; 0.001; $0.001$",
    "99990.4; 99990; $99990$",
    "99999.6; 1.00 × 10⁵; $1.00 \\times 10^{5}$"})
  void numbersAreWrittenAsPeopleWriteThem(double x, String text, String latex) {
    assertThat(TableNumber.of(x).text()).isEqualTo(text);
    assertThat(TableNumber.of(x).latex()).isEqualTo(latex);
  }

  /** Read back independently of how it was made: the printed number is the number, to its digits. */
  @Test
  void thePrintedNumberIsTheNumberToThreeSignificantDigits() {
    Random random = new Random(13);
    for (int i = 0; i < 2000; i++) {
      double x = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -30 + 40 * random.nextDouble());
      String text = TableNumber.of(x).text();
      assertThat(E_NOTATION.matcher(text).find()).as(text).isFalse();
      double back = read(text);
      assertThat(Math.abs(back - x)).as("%s printed as %s", x, text).isLessThanOrEqualTo(Math.abs(x) * 5.01e-3);
    }
  }

  private static double read(String text) {
    String s = text.replace('−', '-');
    int times = s.indexOf(" × 10");
    if (times < 0) {
      return Double.parseDouble(s);
    }
    StringBuilder exponent = new StringBuilder();
    for (char c : s.substring(times + 5).toCharArray()) {
      exponent.append(c == '⁻' ? '-' : (char) ('0' + SUPERSCRIPTS.indexOf(c)));
    }
    return Double.parseDouble(s.substring(0, times) + "e" + exponent);
  }

  @Test
  void theMarkdownHasNoENotationAndItsColumnsLineUp() {
    String markdown = DecayTable.markdown(decay());
    assertThat(E_NOTATION.matcher(markdown).find()).as(markdown).isFalse();
    assertThat(markdown).contains("× 10⁻").contains("γ = max |f′| = 0.25");
    List<List<String>> tables = new ArrayList<>();
    List<String> current = null;
    for (String line : markdown.lines().toList()) {
      if (line.startsWith("|")) {
        if (current == null) {
          current = new ArrayList<>();
          tables.add(current);
        }
        current.add(line);
      } else {
        current = null;
      }
    }
    assertThat(tables).hasSize(2);
    assertThat(tables.get(1)).hasSize(2 + 12);
    for (List<String> table : tables) {
      List<Integer> bars = bars(table.get(0));
      for (String line : table) {
        assertThat(bars(line)).as("the columns of\n%s\nline up", String.join("\n", table)).isEqualTo(bars);
      }
      // Numbers are right-aligned: the alignment row says so, and every number cell ends at its bar.
      assertThat(table.get(1)).contains("-:|");
    }
    List<String> j2 = java.util.Arrays.stream(tables.get(1).get(4).split("\\|")).map(String::strip).filter(c -> !c.isEmpty()).toList();
    assertThat(j2).containsExactly("2", "1.49 × 10⁻⁴", "0.0625", "1.49 × 10⁻⁴", "0.0625");
  }

  /** Where the bars stand, counting characters as a reader sees them (a superscript is one). */
  private static List<Integer> bars(String line) {
    List<Integer> out = new ArrayList<>();
    int[] points = line.codePoints().toArray();
    for (int i = 0; i < points.length; i++) {
      if (points[i] == '|') {
        out.add(i);
      }
    }
    return out;
  }

  @Test
  void theCsvKeepsEveryNumberExactly() {
    Decay d = decay();
    List<String> lines = DecayTable.csv(d).lines().toList();
    assertThat(lines.get(0)).isEqualTo("activation,gamma,setting,sigma,gain,reach,spectral,bound,under,norm,count,total,clipped");
    assertThat(lines).hasSize(1 + 2 * 12);
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < 12; j++) {
        String[] f = lines.get(1 + r * 12 + j).split(",");
        Decay.Run run = d.runs().get(r);
        Decay.TermNorm t = run.terms().get(j);
        assertThat(Integer.parseInt(f[5])).isEqualTo(j);
        assertThat(Double.parseDouble(f[6])).isEqualTo(t.spectral());
        assertThat(Double.parseDouble(f[7])).isEqualTo(t.bound());
        assertThat(Double.parseDouble(f[9])).isEqualTo(t.norm());
        assertThat(Double.parseDouble(f[11])).isEqualTo(run.total());
        assertThat(Double.parseDouble(f[12])).isEqualTo(run.clipped());
      }
    }
  }

  @Test
  void theLatexTableWritesPowersOfTenAndCompiles(@TempDir Path dir) throws IOException, InterruptedException {
    String tex = DecayTable.latex(decay());
    assertThat(E_NOTATION.matcher(tex).find()).isFalse();
    assertThat(tex).contains("$1.23 \\times 10^{-7}$").contains("$0.0625$");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdflatex")) || "true".equals(System.getenv("CI")),
        "pdflatex is not installed");
    Files.writeString(dir.resolve("decay.tex"), tex);
    Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "decay.tex")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.log"))).isZero();
    Matcher overfull = Pattern.compile("Overfull \\\\hbox \\(([0-9.]+)pt").matcher(Files.readString(dir.resolve("decay.log")));
    while (overfull.find()) {
      assertThat(Double.parseDouble(overfull.group(1))).as("an overfull box").isLessThan(5);
    }
  }
}
