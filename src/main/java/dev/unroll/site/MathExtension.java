package dev.unroll.site;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import java.util.Set;

/**
 * Teaches flexmark dollar math. Formulas come out as {@code <span class="math inline">} or
 * {@code <span class="math display">} holding the TeX exactly as written with only {@code <},
 * {@code >} and {@code &} escaped, which is what the page's KaTeX script reads back.
 */
final class MathExtension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {
  static MathExtension create() {
    return new MathExtension();
  }

  @Override
  public void parserOptions(MutableDataHolder options) {
  }

  @Override
  public void extend(Parser.Builder builder) {
    builder.customBlockParserFactory(new MathBlockParser.Factory());
    builder.customInlineParserExtensionFactory(new MathInlineParser.Factory());
  }

  @Override
  public void rendererOptions(MutableDataHolder options) {
  }

  @Override
  public void extend(HtmlRenderer.Builder builder, String rendererType) {
    builder.nodeRendererFactory(options -> new Renderer());
  }

  /** Escapes the three characters HTML text cannot hold; everything else stays as written. */
  static String escape(String tex) {
    StringBuilder out = new StringBuilder(tex.length() + 16);
    for (int i = 0; i < tex.length(); i++) {
      char c = tex.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final class Renderer implements NodeRenderer {
    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
      return Set.of(
          new NodeRenderingHandler<>(MathSpan.class, (node, context, html) -> span(html, node.tex(), node.display())),
          new NodeRenderingHandler<>(MathBlock.class, (node, context, html) -> {
            html.line();
            html.raw("<div class=\"math-block\">");
            span(html, node.tex(), true);
            html.raw("</div>");
            html.line();
          }));
    }

    private static void span(HtmlWriter html, String tex, boolean display) {
      html.raw("<span class=\"math " + (display ? "display" : "inline") + "\">");
      html.raw(escape(tex));
      html.raw("</span>");
    }
  }
}
