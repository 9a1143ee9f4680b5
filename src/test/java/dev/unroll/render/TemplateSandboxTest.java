package dev.unroll.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import freemarker.cache.StringTemplateLoader;
import freemarker.template.Configuration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A template that loops without writing anything is stopped by the time bound, also when the loop is
 * in a template it includes, and its thread ends; an ordinary template is untouched by the bound.
 */
class TemplateSandboxTest {
  private static Configuration configuration(String name, String text) {
    Configuration c = TemplateSandbox.configuration(Configuration.VERSION_2_3_34);
    c.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
    c.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    TemplateSandbox.secure(c, Configuration.VERSION_2_3_34);
    StringTemplateLoader loader = new StringTemplateLoader();
    loader.putTemplate("main.ftl", "before [#include \"" + name + "\"] after");
    loader.putTemplate(name, text);
    c.setTemplateLoader(loader);
    return c;
  }

  @Test
  void aSilentEndlessLoopInAnIncludedTemplateIsStoppedWithOneSentence() {
    Configuration c = configuration("spin.ftl",
        "[#list 1..2000000000 as i][#list 1..2000000000 as j][#if i == 0]never[/#if][/#list][/#list]");
    long start = System.nanoTime();
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
        () -> TemplateSandbox.process(c.getTemplate("main.ftl"), Map.of(), "the template main.ftl", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The template main.ftl ran for more than 1 s, longer than any lesson needs;"
            + " a template may work at most that long."));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("template main.ftl") && t.isAlive());
  }

  @Test
  void anOrdinaryTemplateRendersWithinTheBound() throws Exception {
    Configuration c = configuration("count.ftl", "[#list 1..3 as i][=i][/#list]");
    assertThat(TemplateSandbox.process(c.getTemplate("main.ftl"), Map.of(), "the template main.ftl", Duration.ofSeconds(5)))
        .isEqualTo("before 123 after");
  }
}
