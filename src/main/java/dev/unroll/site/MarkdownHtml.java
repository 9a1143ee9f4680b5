package dev.unroll.site;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;

/**
 * Turns a lesson's Markdown into the HTML body of its page: CommonMark plus tables plus dollar math
 * ({@link MathExtension}). Immutable and safe to share between threads.
 */
public final class MarkdownHtml {
  private final Parser parser;
  private final HtmlRenderer renderer;

  public MarkdownHtml() {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), MathExtension.create()));
    options.set(HtmlRenderer.SOFT_BREAK, "\n");
    this.parser = Parser.builder(options).build();
    this.renderer = HtmlRenderer.builder(options).build();
  }

  /** The HTML for a Markdown text; the same input always gives the same bytes. */
  public String html(String markdown) {
    return renderer.render(parser.parse(markdown));
  }
}
