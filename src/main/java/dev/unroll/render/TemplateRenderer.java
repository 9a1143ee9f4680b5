package dev.unroll.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The FreeMarker bridge. Templates use square-bracket tags and interpolations ({@code [#if]},
 * {@code [=x]}) so that {@code ${...}} in LaTeX stays literal. Templates come from the jar's
 * {@code templates/} folder or from a user's folder ({@code --templates DIR}), which replaces it
 * whole. Output does not depend on the locale, the time zone or the clock. A template is data, not
 * code: {@link TemplateSandbox} says what it may do, {@link TemplateFolder} where it may read.
 */
public final class TemplateRenderer {
  private final Configuration config;
  private final String origin;

  /** @param folder a folder of templates to use instead of the built-in ones */
  public TemplateRenderer(Optional<Path> folder) {
    config = TemplateSandbox.configuration(Configuration.VERSION_2_3_34);
    config.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
    config.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    config.setDefaultEncoding("UTF-8");
    config.setOutputEncoding("UTF-8");
    config.setLocale(Locale.ROOT);
    config.setTimeZone(TimeZone.getTimeZone("UTC"));
    config.setNumberFormat("computer");
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    TemplateSandbox.secure(config, Configuration.VERSION_2_3_34);
    config.setTemplateLoader(loader(folder));
    config.setSharedVariable("latexText", (TemplateMethodModelEx) args -> {
      if (args.size() != 1) {
        throw new TemplateModelException("latexText takes one argument.");
      }
      return LatexWriter.text(args.get(0).toString());
    });
    origin = folder.map(p -> p.toString()).orElse("built-in templates");
  }

  private static TemplateLoader loader(Optional<Path> folder) {
    if (folder.isEmpty()) {
      return new ClassTemplateLoader(TemplateRenderer.class, "/templates");
    }
    return new TemplateFolder(folder.get(), "--templates");
  }

  /**
   * Renders one template with a view record as its data model.
   *
   * @throws IllegalArgumentException naming the template, the line and the cause when the template is
   *     missing, does not parse, or fails while rendering
   */
  public String render(String name, Object model) {
    try {
      Template template = config.getTemplate(name);
      return TemplateSandbox.process(template, model, "the template " + name + " (" + origin + ")");
    } catch (ParseException e) {
      throw new IllegalArgumentException("The template " + name + " (" + origin + ") has a syntax error at line "
          + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + firstLine(e.getEditorMessage()) + ".");
    } catch (freemarker.template.TemplateNotFoundException e) {
      throw new IllegalArgumentException("The template " + name + " is missing from " + origin + ".");
    } catch (TemplateException e) {
      throw new IllegalArgumentException("The template " + name + " (" + origin + ") failed at line "
          + e.getLineNumber() + ": " + firstLine(e.getMessageWithoutStackTop()) + ".");
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the template " + name + " from " + origin + ": "
          + TemplateFolder.reason(e) + ".");
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String line = s.strip().lines().findFirst().orElse("unknown error");
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
