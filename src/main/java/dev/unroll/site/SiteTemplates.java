package dev.unroll.site;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The FreeMarker bridge of the site: {@code index.ftl} and {@code lesson.ftl} (with {@code layout.ftl})
 * from the jar's {@code templates/site/}, or from a user's folder that may override any of them.
 * Square brackets for tags and interpolations ({@code [#if]}, {@code [=x]}), so TeX's {@code ${}
 * is literal; HTML auto-escaping on; models are {@link SiteViews} records. Thread-safe once built.
 */
final class SiteTemplates {
  static final String INDEX = "index.ftl";
  static final String LESSON = "lesson.ftl";

  private final Configuration configuration;

  SiteTemplates(Optional<Path> userFolder) {
    Configuration c = new Configuration(Configuration.VERSION_2_3_35);
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
    c.setAPIBuiltinEnabled(false);
    TemplateLoader builtIn = new ClassTemplateLoader(SiteTemplates.class, "/templates/site");
    if (userFolder.isPresent()) {
      Path folder = userFolder.get();
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException("templates must name a folder of site templates, got '" + folder + "'.");
      }
      try {
        c.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(folder.toFile()), builtIn}));
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the template folder '" + folder + "': " + e.getMessage() + ".");
      }
    } else {
      c.setTemplateLoader(builtIn);
    }
    this.configuration = c;
    template(INDEX);
    template(LESSON);
  }

  /** Fills a template with a view record. */
  String render(String name, Object view) {
    StringWriter out = new StringWriter(16384);
    try {
      template(name).process(view, out);
    } catch (TemplateException e) {
      throw new IllegalStateException("the template " + name + " failed at line " + e.getLineNumber() + ": "
          + gist(e.getMessageWithoutStackTop()), e);
    } catch (IOException e) {
      throw new IllegalStateException("the template " + name + " could not be written: " + e.getMessage(), e);
    }
    return out.toString();
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
