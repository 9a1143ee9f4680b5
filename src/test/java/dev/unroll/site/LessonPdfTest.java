package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site's PDFs: compiled from the published .tex, linked from the page, the same bytes on every build. */
class LessonPdfTest {
  @TempDir
  Path tmp;

  private static LessonPdf pdflatex() {
    Optional<LessonPdf> found = LessonPdf.find();
    if (found.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must have pdflatex (texlive-latex-base, texlive-pictures, texlive-latex-extra).");
      }
      Assumptions.abort("pdflatex is not installed; skipping the PDF checks outside CI.");
    }
    return found.get();
  }

  @Test
  void eachLessonGetsAPdfLinkedFromItsPageAndRebuildsAreByteIdentical() throws Exception {
    LessonPdf pdf = pdflatex();
    Path config = tmp.resolve("pdf.properties");
    Files.writeString(config, "cells = rnn, lstm\nparameters = W\nactivations = tanh\nlosses = last\nmax-steps = 2\n");
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    new SiteBuilder(new FakeLessons(), 2, Optional.of(pdf)).build(SiteConfig.load(config), a, SiteBuilder.Progress.NONE);
    // a new compiler remembers nothing: the second site's PDFs are compiled again
    new SiteBuilder(new FakeLessons(), 2, LessonPdf.find()).build(SiteConfig.load(config), b, SiteBuilder.Progress.NONE);
    for (String slug : new String[] {"rnn-tanh-W-last-2", "lstm-Uf-last-1"}) {
      Path file = a.resolve("lessons/" + slug + "/" + slug + ".pdf");
      byte[] bytes = Files.readAllBytes(file);
      assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
      assertThat(bytes).as("%s rebuilt", slug).isEqualTo(Files.readAllBytes(b.resolve(a.relativize(file))));
      assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("/CreationDate")
          .doesNotContain("/ID [");
      assertThat(Files.readString(a.resolve("lessons/" + slug + "/index.html"))).contains("<a href=\"" + slug + ".pdf\">PDF</a>");
    }
    assertThat(SiteLinks.problems(a)).isEmpty();
  }

  @Test
  void aSiteWithoutPdflatexLinksNoPdf() throws Exception {
    Path config = tmp.resolve("none.properties");
    Files.writeString(config, "cells = rnn\nparameters = V\nactivations = tanh\nlosses = last\nmax-steps = 1\n");
    Path site = tmp.resolve("site");
    new SiteBuilder(new FakeLessons(), 1, Optional.empty()).build(SiteConfig.load(config), site, SiteBuilder.Progress.NONE);
    assertThat(site.resolve("lessons/rnn-tanh-V-last-1/rnn-tanh-V-last-1.pdf")).doesNotExist();
    assertThat(Files.readString(site.resolve("lessons/rnn-tanh-V-last-1/index.html"))).doesNotContain(".pdf")
        .contains("<a href=\"rnn-tanh-V-last-1.tex\">LaTeX</a> and <a href=\"rnn-tanh-V-last-1.ipynb\">");
  }

  @Test
  void aTexThatFailsNamesPdflatexsError() {
    LessonPdf pdf = pdflatex();
    assertThatThrownBy(() -> pdf.compile("broken", "\\documentclass{article}\\begin{document}\\nosuchmacro\\end{document}\n"))
        .hasMessageStartingWith("pdflatex failed on broken.tex (exit 1): ! Undefined control sequence.");
    assertThatThrownBy(() -> pdf.compile("../escape", "x")).hasMessageContaining("letters, digits");
  }

  @Test
  void theSharedPreambleIsTheClassAndPackageLinesAndTheRestKeepsItsLineNumbers() {
    String tex = "\\documentclass[11pt]{article}\n\\usepackage[T1]{fontenc}\n\n\\pgfplotsset{compat=1.16}\n"
        + "\\setlength{\\parskip}{0.6em}\n\\title{Simple: 3 stages}\n\\usepackage{tikz}\n\\begin{document}\nx\n\\end{document}\n";
    PreambleFormat.Split split = PreambleFormat.split(tex).orElseThrow();
    assertThat(split.preamble()).isEqualTo("\\documentclass[11pt]{article}\n\\usepackage[T1]{fontenc}\n\n"
        + "\\pgfplotsset{compat=1.16}\n\\setlength{\\parskip}{0.6em}\n");
    assertThat(split.body()).isEqualTo("\n\n\n\n\n\\title{Simple: 3 stages}\n\\usepackage{tikz}\n\\begin{document}\nx\n"
        + "\\end{document}\n");
    assertThat(split.body().split("\n", -1)).hasSameSizeAs(tex.split("\n", -1));
    assertThat(PreambleFormat.split("\\begin{document}x\\end{document}\n")).isEmpty();
  }

  @Test
  void lessonsCompiledFromTheDumpedPreambleNameTheirOwnLineWhenTheyFail() {
    LessonPdf pdf = pdflatex();
    String preamble = "\\documentclass{article}\n\\usepackage{amsmath}\n";
    byte[] good = pdf.compile("good", preamble + "\\title{Good}\n\\begin{document}\n$a = b$\n\\end{document}\n");
    assertThat(new String(good, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    // the same preamble, now from its format: the error is on line 5 of the lesson's own text
    assertThatThrownBy(() -> pdf.compile("bad", preamble + "\\title{Bad}\n\\begin{document}\n\\nosuchmacro\n\\end{document}\n"))
        .hasMessageContaining("! Undefined control sequence. l.5 \\nosuchmacro");
  }

  @Test
  void aKeptPdfServesTheNextBuildAndOnlyARealOneIs() throws Exception {
    pdflatex(); // skips without pdflatex, as the others do
    Path kept = tmp.resolve("kept");
    String tex = "\\documentclass{article}\\begin{document}Kept.\\end{document}\n";
    byte[] compiled = LessonPdf.find(Optional.of(kept)).orElseThrow().compile("kept", tex);
    Path file;
    try (java.util.stream.Stream<Path> s = Files.list(kept)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".pdf")).toList();
      assertThat(files).hasSize(1);
      file = files.get(0);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(compiled);
    // A new build (a new instance) reads the kept file instead of compiling: it returns what is kept.
    byte[] marked = "%PDF-1.5 kept by an earlier build".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(file, marked);
    assertThat(LessonPdf.find(Optional.of(kept)).orElseThrow().compile("kept", tex)).isEqualTo(marked);
    // What is not a PDF, or comes through a link, is compiled again.
    Files.writeString(file, "not a pdf");
    assertThat(LessonPdf.find(Optional.of(kept)).orElseThrow().compile("kept", tex)).isEqualTo(compiled);
    Path elsewhere = Files.write(tmp.resolve("elsewhere.pdf"), marked);
    Files.delete(file);
    Files.createSymbolicLink(file, elsewhere);
    assertThat(LessonPdf.find(Optional.of(kept)).orElseThrow().compile("kept", tex)).isEqualTo(compiled);
  }
}
