package dev.unroll.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads the small text files a user hands us (cell definitions, site files, params) the same careful
 * way: only a regular file (a FIFO would wait for ever, a device never end), at most
 * {@link #MAX_BYTES}, and when it cannot be read, the reason in words rather than Java's exception
 * name or a bare path.
 */
public final class TextFiles {
  /** The largest input file read: far above any cell, site or params file (a few KB). */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private TextFiles() {
  }

  /**
   * The file's text.
   *
   * @param what how messages name it ("the cell file 'x.cell'")
   * @throws IllegalArgumentException with the reason, when it is not a readable regular file
   */
  public static String read(Path file, String what) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + what + ": " + reason(e) + ".", e);
    }
    if (attributes.isDirectory()) {
      throw new IllegalArgumentException("Cannot read " + what + ": it is a folder, not a file.");
    }
    if (!attributes.isRegularFile()) {
      throw new IllegalArgumentException("Cannot read " + what + ": it is not a regular file (a pipe or a device).");
    }
    if (attributes.size() > MAX_BYTES) {
      throw new IllegalArgumentException("Cannot read " + what + ": it holds " + attributes.size()
          + " bytes, more than the " + MAX_BYTES + " an input file may hold.");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IllegalArgumentException("Cannot read " + what + ": it grew past " + MAX_BYTES + " bytes while it"
            + " was read.");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + what + ": " + reason(e) + ".", e);
    }
  }

  /** Why a file operation failed, in words (Java's own messages for these name only the path). */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of its path is not a folder";
    }
    if (e instanceof FileSystemLoopException) {
      return "its links form a loop";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "the system gave no reason" : m;
  }
}
