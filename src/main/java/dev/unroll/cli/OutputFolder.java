package dev.unroll.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A folder the user asked us to write into. Files are written to temporary names beside their
 * targets and moved into place only when every one of them was written, so a failure leaves no
 * partial or corrupted output.
 */
final class OutputFolder {
  private final Path dir;

  private OutputFolder(Path dir) {
    this.dir = dir;
  }

  /** Checks before any work is done that the folder exists or can be made, and is writable. */
  static OutputFolder checked(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new UserError("--out must be a folder we can write to, got '" + dir + "'"
          + (existing != null && !Files.isDirectory(existing) ? " (" + existing + " is a file)." : "."));
    }
    return new OutputFolder(dir);
  }

  List<Path> writeAll(Map<String, String> files, Charset charset) {
    Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
    files.forEach((name, text) -> bytes.put(name, text.getBytes(charset)));
    return writeAll(bytes);
  }

  /** As {@link #writeAll(Map, Charset)}, for files that are bytes (a PDF beside its sources). */
  List<Path> writeAll(Map<String, byte[]> files) {
    List<Path> temps = new ArrayList<>();
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        // A plain new file (not createTempFile, whose owner-only permissions would stick to the lesson).
        Path target = dir.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.write(temp, f.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        temps.add(temp);
      }
      int i = 0;
      for (String name : files.keySet()) {
        Path target = dir.resolve(name);
        move(temps.get(i++), target);
        written.add(target);
      }
      return written;
    } catch (IOException e) {
      for (Path t : temps) {
        try {
          Files.deleteIfExists(t);
        } catch (IOException ignored) {
          // Best effort: the temporary file is hidden and its name says it is one.
        }
      }
      throw new UserError("Cannot write into --out '" + dir + "': " + e.getMessage() + ".", e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
