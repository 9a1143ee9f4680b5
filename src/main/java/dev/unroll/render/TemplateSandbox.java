package dev.unroll.render;

import freemarker.core.TemplateClassResolver;
import freemarker.core._CoreAPI;
import freemarker.ext.beans.ClassMemberAccessPolicy;
import freemarker.ext.beans.MemberAccessPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.Version;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What a template may do, for both FreeMarker configurations (the lesson's and the site's): read the
 * fields of its view records, call the functions we hand it, include templates of its own folder, and
 * write text. Templates come from other people's folders and repositories, so they are data, not code:
 * no {@code ?new} (no class may be instantiated, so no {@code Execute}, {@code ObjectConstructor} or
 * {@code JythonRuntime}), no {@code ?api}, and an object wrapper that exposes only the components of
 * our own view records (no {@code getClass()}, no methods, no fields, no constructors). A rendering is
 * bounded: at most {@link #MAX_OUTPUT_CHARS} characters of output, at most {@link #MAX_TIME} of work
 * (a loop that writes nothing is stopped too: every template, included ones as well, is loaded through
 * {@link #configuration} and checks for interruption in its loops), and nesting of macros, functions and
 * includes only as deep as a fixed stack allows; any bound, or running out of memory, ends in an
 * {@link IllegalArgumentException} naming the template, never in a crash of the whole run.
 */
public final class TemplateSandbox {
  /** The most characters one rendering may write: well above the largest lesson (about 1 MB at 100 expanded stages). */
  public static final int MAX_OUTPUT_CHARS = 32 * 1024 * 1024;
  /** The stack a rendering runs on; a template that recurses deeper than it allows fails with a sentence. */
  static final long STACK_BYTES = 8L * 1024 * 1024;
  /** The longest one rendering may work: the 10,000-stage lesson renders in well under a second. */
  public static final Duration MAX_TIME = Duration.ofSeconds(60);

  private TemplateSandbox() {
  }

  /**
   * A configuration whose templates, the ones a rendering includes included, check in their loops
   * whether their thread was interrupted, so that {@link #process} can stop one that runs too long.
   */
  public static Configuration configuration(Version version) {
    return new InterruptibleConfiguration(version);
  }

  /** Adds FreeMarker's interruption checks to each template once, when it is first handed out. */
  private static final class InterruptibleConfiguration extends Configuration {
    private final Set<Template> checked = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    InterruptibleConfiguration(Version version) {
      super(version);
    }

    @Override
    public Template getTemplate(String name, Locale locale, Object customLookupCondition, String encoding,
        boolean parseAsFTL, boolean ignoreMissing) throws IOException {
      Template t = super.getTemplate(name, locale, customLookupCondition, encoding, parseAsFTL, ignoreMissing);
      if (t != null && parseAsFTL && checked.add(t)) {
        _CoreAPI.addThreadInterruptedChecks(t);
      }
      return t;
    }
  }

  /** Locks a configuration down to what a template may do (see the class comment). */
  public static void secure(Configuration c, Version version) {
    c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    c.setAPIBuiltinEnabled(false);
    c.setLocalizedLookup(false);
    DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(version);
    wrapper.setMemberAccessPolicy(RecordComponentsOnly.INSTANCE);
    wrapper.setExposeFields(false);
    c.setObjectWrapper(wrapper.build());
  }

  /**
   * Fills {@code template} with {@code model} on a thread of its own with a bounded stack, into a
   * bounded buffer.
   *
   * @param what how messages name the template ("the template lesson.md.ftl (built-in templates)")
   * @throws TemplateException when the template itself fails, for the caller to describe
   */
  public static String process(Template template, Object model, String what) throws TemplateException {
    return process(template, model, what, MAX_TIME);
  }

  /** {@link #process(Template, Object, String)} with another bound on time (tests use a short one). */
  @SuppressWarnings({"deprecation", "removal"})
  static String process(Template template, Object model, String what, Duration limit) throws TemplateException {
    BoundedWriter out = new BoundedWriter(MAX_OUTPUT_CHARS);
    Throwable[] thrown = new Throwable[1];
    Thread worker = new Thread(null, () -> {
      try {
        template.process(model, out);
      } catch (Throwable t) { // handed to the calling thread below, where each kind becomes a sentence
        thrown[0] = t;
      }
    }, "template " + template.getName(), STACK_BYTES);
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(limit.toMillis());
      if (worker.isAlive()) {
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(5));
        if (worker.isAlive()) {
          worker.stop(); // a built-in that never reaches a loop's check; the thread is ours and holds no lock of ours
        }
        throw new IllegalArgumentException(capitalised(what) + " ran for more than " + limit.toSeconds()
            + " s, longer than any lesson needs; a template may work at most that long.");
      }
    } catch (InterruptedException e) {
      worker.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Rendering " + what + " was interrupted.", e);
    }
    Throwable t = thrown[0];
    if (t == null) {
      return out.toString();
    }
    if (causedBy(t, StackOverflowError.class)) {
      throw new IllegalArgumentException(capitalised(what) + " calls itself (through a macro, a function or an include)"
          + " more deeply than a template may (the stack a template runs on holds about ten thousand levels of a simple macro).");
    }
    if (causedBy(t, OutputTooLarge.class)) {
      throw new IllegalArgumentException(capitalised(what) + " wrote more than " + MAX_OUTPUT_CHARS / (1024 * 1024)
          + " million characters, more than any lesson needs; a template may write at most that much.");
    }
    if (causedBy(t, OutOfMemoryError.class)) {
      throw new IllegalArgumentException(capitalised(what) + " built values too large for memory;"
          + " a template may only lay out the lesson it is given.");
    }
    if (t instanceof TemplateException e) {
      throw e;
    }
    if (t instanceof IOException e) {
      throw new IllegalArgumentException(capitalised(what) + " could not be written: " + e.getMessage() + ".", e);
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    throw new IllegalStateException(capitalised(what) + " failed: " + t.getMessage(), t);
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> kind) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (kind.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Thrown by {@link BoundedWriter} when a rendering writes past its bound. */
  static final class OutputTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    OutputTooLarge() {
      super("the output is larger than " + MAX_OUTPUT_CHARS + " characters");
    }
  }

  /** A string buffer that refuses to grow past a bound. */
  static final class BoundedWriter extends Writer {
    private final StringBuilder text = new StringBuilder(16384);
    private final int limit;

    BoundedWriter(int limit) {
      this.limit = limit;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      if (length > limit - text.length()) {
        throw new OutputTooLarge();
      }
      text.append(chars, offset, length);
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
      if (length > limit - text.length()) {
        throw new OutputTooLarge();
      }
      text.append(s, offset, offset + length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /**
   * Exposes a record's component accessors and nothing else of any class: no methods, fields or
   * constructors, hence no way from a view to {@code Class}, a class loader or the file system.
   */
  enum RecordComponentsOnly implements MemberAccessPolicy {
    INSTANCE;

    private static final ClassMemberAccessPolicy NOTHING = new ClassMemberAccessPolicy() {
      @Override
      public boolean isMethodExposed(Method method) {
        return false;
      }

      @Override
      public boolean isConstructorExposed(Constructor<?> constructor) {
        return false;
      }

      @Override
      public boolean isFieldExposed(Field field) {
        return false;
      }
    };

    @Override
    public ClassMemberAccessPolicy forClass(Class<?> type) {
      if (!type.isRecord()) {
        return NOTHING;
      }
      Set<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
          .collect(Collectors.toUnmodifiableSet());
      return new ClassMemberAccessPolicy() {
        @Override
        public boolean isMethodExposed(Method method) {
          return method.getDeclaringClass() == type && method.getParameterCount() == 0
              && components.contains(method.getName());
        }

        @Override
        public boolean isConstructorExposed(Constructor<?> constructor) {
          return false;
        }

        @Override
        public boolean isFieldExposed(Field field) {
          return false;
        }
      };
    }

    @Override
    public boolean isToStringAlwaysExposed() {
      return false;
    }
  }
}
