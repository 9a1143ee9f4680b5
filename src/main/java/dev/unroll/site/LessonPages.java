package dev.unroll.site;

import dev.unroll.pipeline.Pipeline;
import dev.unroll.pipeline.Lesson;
import dev.unroll.pipeline.LessonSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a site holds for one lesson, as files relative to the site root, under
 * {@code lessons/SLUG/}: the page ({@code index.html}), the lesson as {@code SLUG.md}, {@code SLUG.tex}
 * (with the network's TikZ picture when the lesson has none) and {@code SLUG.ipynb}, and the
 * network's SVG picture as {@code diagram.svg} and at every relative {@code .svg} path the lesson's
 * Markdown shows as an image, so its own picture reference works in the page, the Markdown and the
 * notebook alike.
 */
final class LessonPages {
  private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)");
  private static final Pattern HTML_IMAGE = Pattern.compile("<img\\b[^>]*\\bsrc\\s*=\\s*['\"]([^'\"]+)['\"]");

  private final MarkdownHtml markdown = new MarkdownHtml();
  private final NotebookWriter notebooks = new NotebookWriter();
  private final DiagramSvg svg = new DiagramSvg();
  private final DiagramPicture drawing = new DiagramPicture();
  /** Ids the page layout gives its own elements; a lesson's headings never take them. */
  static final Set<String> LAYOUT_IDS = Set.of("content", "sidebar", "contents", "search", "search-input", "search-results",
      "theme-toggle", "breadcrumb");

  private final SiteTemplates templates;
  private final SiteViews.Site site;
  private final SiteNavigation navigation;
  private final Optional<LessonPdf> pdf;

  /**
   * @param grid the site's lessons, for the sidebar and breadcrumb
   * @param pdf compiles each lesson's {@code .tex} to {@code SLUG.pdf}; empty for a site without PDFs
   */
  LessonPages(SiteTemplates templates, SiteViews.Site site, SiteGrid grid, Optional<LessonPdf> pdf) {
    this.templates = templates;
    this.site = site;
    this.navigation = new SiteNavigation(grid);
    this.pdf = pdf;
  }

  static String folder(LessonSpec spec) {
    return "lessons/" + spec.slug() + "/";
  }

  static String page(LessonSpec spec) {
    return folder(spec) + "index.html";
  }

  /** Plain-text title of a lesson, for the browser tab and the notebook. */
  static String title(LessonSpec spec) {
    return "Gradient of the " + spec.loss().spelled() + " loss by " + spec.wrt() + ": " + cellName(spec) + ", "
        + (spec.activation().isEmpty() ? "" : spec.activation() + ", ") + spec.steps() + (spec.steps() == 1 ? " stage" : " stages");
  }

  static String cellName(LessonSpec spec) {
    return spec.cell().replaceAll(".*/", "").replaceAll("\\.cell$", "");
  }

  /**
   * The files of one lesson.
   *
   * @param number the lesson's place in the grid, from 1
   * @param previous the same lesson with one stage fewer, or null
   * @param next the same lesson with one stage more, or null
   */
  Map<String, byte[]> files(Lesson lesson, int number, int total, LessonSpec previous, LessonSpec next) {
    LessonSpec spec = lesson.spec();
    String slug = spec.slug();
    String dir = folder(spec);
    // A gated cell's routes multiply with every stage, so its picture shows the network without them.
    boolean gated = Pipeline.gated(lesson.derivation().graph().cell());
    NetworkDiagram diagram = NetworkDiagram.of(lesson);
    byte[] picture = svg.svg(diagram).getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(dir + "diagram.svg", picture);
    boolean linksPicture = false;
    Map<String, byte[]> pictures = new LinkedHashMap<>(); // by the reference the Markdown gives, for the notebook
    for (String image : images(lesson.markdown())) {
      String local = localPath(image);
      if (local != null && lesson.attachments().containsKey(local)) {
        files.put(dir + local, utf8(lesson.attachments().get(local))); // a plot drawn with the lesson
        pictures.put(image, utf8(lesson.attachments().get(local)));
      } else if (local != null && local.endsWith(".svg")) {
        files.put(dir + local, picture);
        pictures.put(image, picture);
        linksPicture = true;
      }
    }
    files.put(dir + slug + ".md", utf8(lesson.markdown()));
    String tex = withPicture(lesson.latex(), drawing.picture(diagram));
    files.put(dir + slug + ".tex", utf8(tex));
    pdf.ifPresent(compiler -> files.put(dir + slug + ".pdf", compiler.compile(slug, tex)));
    files.put(dir + slug + ".ipynb", utf8(notebooks.notebook(title(spec), lesson.markdown(), lesson.code(), pictures)));
    String caption = "The network unrolled over " + spec.steps() + (spec.steps() == 1 ? " stage" : " stages")
        + (gated ? "." : "; in red, the paths the gradient of the " + spec.loss().spelled() + " loss takes to "
            + spec.wrt() + ".");
    String root = "../../";
    HeadingAnchors.Anchored body = HeadingAnchors.anchor(markdown.html(lesson.markdown()), LAYOUT_IDS);
    SiteViews.Chrome chrome = new SiteViews.Chrome(navigation.sidebar(root, spec), navigation.breadcrumb(root, spec),
        body.contents().stream().map(e -> new SiteViews.Contents(e.level(), e.id(), e.html())).toList());
    SiteViews.LessonPage view = new SiteViews.LessonPage(site, root, number, total, title(spec), cellName(spec),
        spec.activation().isEmpty() ? "own activations" : spec.activation(), spec.wrt(), spec.loss().spelled(), spec.steps(), body.html(),
        neighbour(previous), neighbour(next),
        new SiteViews.Link(slug + ".md", "Markdown"), new SiteViews.Link(slug + ".tex", "LaTeX"),
        new SiteViews.Link(slug + ".ipynb", "Jupyter notebook"),
        pdf.isPresent() ? new SiteViews.Link(slug + ".pdf", "PDF") : null,
        new SiteViews.Link("diagram.svg", caption), !linksPicture, chrome);
    files.put(dir + "index.html", utf8(templates.render(SiteTemplates.LESSON, view)));
    return files;
  }

  private static SiteViews.Link neighbour(LessonSpec spec) {
    return spec == null ? null
        : new SiteViews.Link("../" + spec.slug() + "/index.html", "N = " + spec.steps());
  }

  /** The image references of a Markdown text, as written, in order. */
  static Set<String> images(String markdown) {
    Set<String> out = new LinkedHashSet<>();
    for (Pattern p : List.of(MARKDOWN_IMAGE, HTML_IMAGE)) {
      Matcher m = p.matcher(markdown);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** A relative reference that stays inside the lesson's folder, normalised; otherwise null. */
  static String localPath(String reference) {
    if (reference.isEmpty() || reference.startsWith("/") || reference.startsWith("#") || reference.contains("\\")
        || reference.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return null;
    }
    String path = reference.replaceAll("[?#].*$", "");
    java.nio.file.Path normal = java.nio.file.Path.of(path).normalize();
    if (normal.toString().isEmpty() || normal.startsWith("..")) {
      return null;
    }
    return normal.toString().replace(java.io.File.separatorChar, '/');
  }

  /**
   * The lesson's LaTeX with the network's picture after the title, unless the lesson already draws
   * one or is not a whole document.
   */
  static String withPicture(String latex, String picture) {
    return DiagramPicture.inDocument(latex, picture);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
