package dev.unroll.render;

import freemarker.cache.TemplateLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads templates from a user's folder, and only from it: a name that leaves the folder, directly or
 * through a symbolic link, is refused with a sentence, and so is anything but a regular file (a FIFO
 * would make the build wait forever) or a file larger than {@link #MAX_TEMPLATE_BYTES}. A name that
 * is not in the folder is "not found", so a site's folder may override only some of the built-in
 * templates.
 */
public final class TemplateFolder implements TemplateLoader {
  /** The largest template read: the built-in ones are under 20 KB. */
  public static final int MAX_TEMPLATE_BYTES = 1024 * 1024;

  private final Path root;
  private final Path realRoot;

  private record Source(Path file, long modified) {}

  /** @throws IllegalArgumentException when {@code folder} is not a readable folder */
  public TemplateFolder(Path folder, String option) {
    Objects.requireNonNull(folder, "folder");
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(option + " must be an existing folder of templates, got '" + folder + "'.");
    }
    try {
      this.root = folder.toAbsolutePath().normalize();
      this.realRoot = folder.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the templates folder '" + folder + "': " + reason(e) + ".", e);
    }
  }

  @Override
  public Object findTemplateSource(String name) throws IOException {
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("The template name '" + name + "' leaves the templates folder " + root
          + "; a template may include only templates of its own folder.");
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("The template " + name + " in " + root + " cannot be read: " + reason(e)
          + ".", e);
    }
    if (!real.startsWith(realRoot)) {
      throw new IllegalArgumentException("The template " + name + " in " + root + " is a link to " + real
          + ", outside the templates folder; a template folder may use only its own files.");
    }
    if (!Files.isRegularFile(real)) {
      throw new IllegalArgumentException("The template " + name + " in " + root
          + " is not a regular file; templates must be plain text files.");
    }
    long size = Files.size(real);
    if (size > MAX_TEMPLATE_BYTES) {
      throw new IllegalArgumentException("The template " + name + " in " + root + " holds " + size
          + " bytes; a template may hold at most " + MAX_TEMPLATE_BYTES + ".");
    }
    return new Source(real, Files.getLastModifiedTime(real).toMillis());
  }

  @Override
  public long getLastModified(Object source) {
    return ((Source) source).modified();
  }

  @Override
  public Reader getReader(Object source, String encoding) throws IOException {
    Path file = ((Source) source).file();
    // Read at most one byte past the bound, so a file that grew since it was found cannot exhaust memory.
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_TEMPLATE_BYTES + 1);
      if (bytes.length > MAX_TEMPLATE_BYTES) {
        throw new IllegalArgumentException("The template " + file + " grew past " + MAX_TEMPLATE_BYTES
            + " bytes while it was read; a template may hold at most that many.");
      }
      return new StringReader(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** Why a file could not be read, in words. */
  static String reason(IOException e) {
    return dev.unroll.files.TextFiles.reason(e);
  }

  @Override
  public void closeTemplateSource(Object source) {
    // Nothing stays open: getReader reads the whole file.
  }
}
