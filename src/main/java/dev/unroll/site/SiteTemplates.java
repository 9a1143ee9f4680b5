package dev.unroll.site;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import dev.unroll.render.TemplateFolder;
import dev.unroll.render.TemplateSandbox;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The FreeMarker bridge of the site: {@code index.ftl} and {@code lesson.ftl} (with {@code layout.ftl})
 * from the jar's {@code templates/site/}, or from a user's folder that may override any of them.
 * Square brackets for tags and interpolations ({@code [#if]}, {@code [=x]}), so TeX's {@code ${}
 * is literal; HTML auto-escaping on; models are {@link SiteViews} records. Thread-safe once built.
 * Templates from a site file's folder are data, not code ({@link TemplateSandbox}, {@link TemplateFolder}).
 */
final class SiteTemplates {
  static final String INDEX = "index.ftl";
  static final String LESSON = "lesson.ftl";

  private final Configuration configuration;

  SiteTemplates(Optional<Path> userFolder) {
    Configuration c = TemplateSandbox.configuration(Configuration.VERSION_2_3_35);
    c.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
    c.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    c.setOutputFormat(HTMLOutputFormat.INSTANCE);
    c.setRecognizeStandardFileExtensions(false);
    c.setDefaultEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    c.setTimeZone(TimeZone.getTimeZone("UTC"));
    c.setNumberFormat("computer");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    TemplateSandbox.secure(c, Configuration.VERSION_2_3_35);
    TemplateLoader builtIn = new ClassTemplateLoader(SiteTemplates.class, "/templates/site");
    if (userFolder.isPresent()) {
      TemplateLoader folder = new TemplateFolder(userFolder.get(), "templates");
      c.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {folder, builtIn}));
    } else {
      c.setTemplateLoader(builtIn);
    }
    this.configuration = c;
    template(INDEX);
    template(LESSON);
  }

  /** Fills a template with a view record. */
  String render(String name, Object view) {
    try {
      return TemplateSandbox.process(template(name), view, "the site template " + name);
    } catch (TemplateException e) {
      throw new IllegalArgumentException("the template " + name + " failed at line " + e.getLineNumber() + ": "
          + gist(e.getMessageWithoutStackTop()), e);
    }
  }

  private Template template(String name) {
    try {
      return configuration.getTemplate(name);
    } catch (IOException e) {
      throw new IllegalArgumentException("The site template " + name + " cannot be loaded: " + firstLine(e.getMessage()) + ".", e);
    }
  }

  /** FreeMarker's message up to its first separator line, on one line. */
  private static String gist(String message) {
    StringBuilder out = new StringBuilder();
    for (String line : (message == null ? "" : message).split("\n")) {
      if (line.startsWith("----")) {
        break;
      }
      if (!line.isBlank()) {
        out.append(out.length() == 0 ? "" : " ").append(line.strip());
      }
    }
    return out.toString();
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
