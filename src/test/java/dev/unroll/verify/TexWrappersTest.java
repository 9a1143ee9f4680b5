package dev.unroll.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TexWrappersTest {
  @Test
  void aResizeboxIsBlankedAndEveryOffsetKept() {
    String tex = "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{$\\displaystyle\n"
        + "\\begin{aligned} a_{t} &= b \\end{aligned}$}";

    String out = TexWrappers.unwrap(tex);

    assertThat(out).hasSameSizeAs(tex);
    assertThat(out.strip()).startsWith("\\displaystyle").endsWith("\\end{aligned}");
    assertThat(out.indexOf("a_{t}")).isEqualTo(tex.indexOf("a_{t}"));
    assertThat(new TexParser().parse(tex).statements()).singleElement().satisfies(s -> assertThat(s.isEquation()).isTrue());
  }

  @Test
  void aScaleboxAndUnbalancedBoxesAreHandled() {
    assertThat(TexWrappers.unwrap("\\scalebox{0.8}{$x = y$}").strip()).isEqualTo("x = y");
    assertThat(TexWrappers.unwrap("\\resizebox{1}{")).isEqualTo("\\resizebox{1}{");
    assertThat(TexWrappers.unwrap("x = y")).isEqualTo("x = y");
  }

  @Test
  void aGroupAroundTheWholeSpanIsBlankedAndOtherGroupsKept() {
    String sized = " {\\large \\delta_2 = W^\\top \\delta_3} ";
    assertThat(TexWrappers.unwrap(sized)).hasSameSizeAs(sized).isEqualTo("  \\large \\delta_2 = W^\\top \\delta_3  ");
    assertThat(new TexParser().parse(sized).statements()).singleElement()
        .satisfies(s -> assertThat(s.isEquation()).isTrue());
    for (String kept : new String[] {"{a}_{t} = b", "{\\partial L}/{\\partial W} = g", "{a} + {b}", "{a"}) {
      assertThat(TexWrappers.unwrap(kept)).as(kept).isEqualTo(kept);
    }
  }
}
