package dev.unroll.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LessonPagesTest {
  @Test
  void aClosedFormLessonIsPicturedOverAllItsStages() {
    dev.unroll.pipeline.LessonSpec spec = new dev.unroll.pipeline.LessonSpec("rnn", 12, "W", "tanh",
        dev.unroll.derive.LossKind.TOTAL);
    dev.unroll.pipeline.Lesson lesson = new FakeLessons().apply(spec);
    assertThat(lesson.derivation().graph().steps()).as("the pipeline's closed form keeps a short derivation").isLessThan(12);
    dev.unroll.derive.Derivation full = lesson.fullDerivation();
    assertThat(full.graph().steps()).isEqualTo(12);
    assertThat(full.terms()).hasSize(12 * 13 / 2);
    assertThat(NetworkDiagram.of(full).columns()).isEqualTo(13);
  }

  @Test
  void findsMarkdownAndHtmlImages() {
    assertThat(LessonPages.images("![a](assets/x.svg) and <img src='assets/vanish_grad1.png'> ![b](<y.svg>)"))
        .containsExactly("assets/x.svg", "y.svg", "assets/vanish_grad1.png");
  }

  @Test
  void onlyRelativePathsInsideTheLessonFolderAreLocal() {
    assertThat(LessonPages.localPath("assets/./x.svg")).isEqualTo("assets/x.svg");
    assertThat(LessonPages.localPath("x.svg?v=1")).isEqualTo("x.svg");
    assertThat(LessonPages.localPath("../../etc/x.svg")).isNull();
    assertThat(LessonPages.localPath("/tmp/x.svg")).isNull();
    assertThat(LessonPages.localPath("https://example.org/x.svg")).isNull();
    assertThat(LessonPages.localPath("a/../../x.svg")).isNull();
  }

  @Test
  void putsThePictureAfterTheTitleAndLoadsItsPackagesOnce() {
    String tex = "\\documentclass{article}\n\\title{T}\n\\begin{document}\n\\maketitle\nText.\n\\end{document}\n";
    assertThat(LessonPages.withPicture(tex, "PIC\n")).isEqualTo("\\documentclass{article}\n\\title{T}\n"
        + "\\usepackage{xcolor}\n\\usepackage{pict2e}\n\\begin{document}\n\\maketitle\n\\begin{center}\nPIC\n\\end{center}\n"
        + "\nText.\n\\end{document}\n");
    String withPackages = tex.replace("\\title", "\\usepackage{amsmath,pict2e}\n\\usepackage[dvipsnames]{xcolor}\n\\title")
        .replace("\\maketitle\n", "");
    assertThat(LessonPages.withPicture(withPackages, "PIC\n")).isEqualTo("\\documentclass{article}\n"
        + "\\usepackage{amsmath,pict2e}\n\\usepackage[dvipsnames]{xcolor}\n\\title{T}\n\\begin{document}\n\\begin{center}\nPIC\n"
        + "\\end{center}\n\nText.\n\\end{document}\n");
  }

  @Test
  void leavesFragmentsAndLessonsWithTheirOwnPictureAlone() {
    assertThat(LessonPages.withPicture("$x$", "PIC")).isEqualTo("$x$");
    String own = "\\begin{document}\\begin{tikzpicture}\\end{tikzpicture}\\end{document}";
    assertThat(LessonPages.withPicture(own, "PIC")).isEqualTo(own);
    String ownPicture = "\\begin{document}\\begin{picture}(1,1)\\end{picture}\\end{document}";
    assertThat(LessonPages.withPicture(ownPicture, "PIC")).isEqualTo(ownPicture);
    // A lesson's plots are pictures too, but not of the network.
    String plotOnly = "\\begin{document}\\begin{picture}(1,1)% a log-scale plot\n\\end{picture}\\end{document}";
    assertThat(LessonPages.withPicture(plotOnly, "PIC\n")).contains("\\begin{center}\nPIC\n");
  }
}
