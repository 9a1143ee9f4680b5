package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
  private static List<MathSpan> spans(String name, String text) {
    Document d = new DocumentReader().parse(name, text.getBytes(StandardCharsets.UTF_8));
    return d.segments().stream().flatMap(s -> new MathExtractor().extract(s, d.markdown()).spans().stream()).toList();
  }

  @Test
  void markdownDelimitersAndCodeIsSkipped() {
    List<MathSpan> s = spans("a.md", "Inline $a$ and `$b$` code.\n\n$$c\nd$$\n\n```math\ne\n```\n\n```\n$f$\n```\n\\[g\\]\n");
    assertThat(s).extracting(MathSpan::tex).containsExactly("a", "c\nd", "e", "g");
    assertThat(s).extracting(MathSpan::display).containsExactly(false, true, true, true);
    assertThat(s.get(1).position(2)).isEqualTo(new Position(4, 1));
  }

  @Test
  void latexEnvironmentsAndCommentsAreSkipped() {
    List<MathSpan> s = spans("a.tex", "% $x$ in a comment\n\\begin{equation} a \\end{equation}\n\\begin{gather} b \\end{gather} $c$\n");
    assertThat(s).extracting(MathSpan::tex).containsExactly(" a ", " b ", "c");
    assertThat(s).extracting(MathSpan::delimiter).containsExactly("equation", "gather", "$");
    assertThat(s.get(2).opening()).isEqualTo(new Position(3, 31));
  }

  @Test
  void notebookCellsMapToTheLineOfTheirJsonString() {
    String nb = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\"$x$\"]\n  },\n"
        + "  {\n   \"cell_type\": \"markdown\",\n   \"metadata\": {},\n   \"source\": [\n"
        + "    \"Text with $a$\\n\",\n    \"and $$b$$ here\"\n   ]\n  }\n ],\n \"nbformat\": 4\n}\n";
    List<MathSpan> s = spans("n.ipynb", nb);
    assertThat(s).extracting(MathSpan::tex).containsExactly("a", "b");
    assertThat(s.get(0).opening()).isEqualTo(new Position(11, 11));
    assertThat(s.get(1).opening()).isEqualTo(new Position(12, 5));
  }

  @Test
  void refusesWhatIsNotText() {
    assertThatThrownBy(() -> new DocumentReader().parse("a.md", new byte[] {'a', 0, 'b'}))
        .isInstanceOf(UnreadableFileException.class).hasMessageContaining("binary");
    assertThatThrownBy(() -> new DocumentReader().parse("a.md", new byte[] {(byte) 0xC3, (byte) 0x28}))
        .isInstanceOf(UnreadableFileException.class).hasMessageContaining("UTF-8");
  }
}
