package dev.unroll.cli;

import dev.unroll.files.FileWrites;
import dev.unroll.files.OutputLock;
import dev.unroll.files.StagedFiles;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder the user asked us to write into, held by this command alone from the moment it is
 * checked ({@link OutputLock}) until it is closed. Its files appear all together or not at all
 * ({@link StagedFiles}): a failure, even on a full disk, leaves the folder as it was.
 */
final class OutputFolder implements AutoCloseable {
  private final Path dir;
  private final OutputLock lock;
  private final FileWrites disk;

  private OutputFolder(Path dir, OutputLock lock, FileWrites disk) {
    this.dir = dir;
    this.lock = lock;
    this.disk = disk;
  }

  /**
   * Checks before any work is done that the folder exists or can be made and is writable, and takes
   * its lock.
   *
   * @throws UserError when it cannot be written, or another command is writing it
   */
  static OutputFolder checked(Path dir) {
    return checked(dir, FileWrites.DISK);
  }

  /** For tests: a folder written through {@code disk}. */
  static OutputFolder checked(Path dir, FileWrites disk) {
    if (dir.toString().isBlank()) {
      throw new UserError("--out must name a folder to write into; got an empty name.");
    }
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new UserError("--out must be a folder we can write to, got '" + dir + "'"
          + (existing != null && !Files.isDirectory(existing) ? " (" + existing + " is a file)."
              : existing != null ? " (" + existing + " is not writable)." : "."));
    }
    try {
      return new OutputFolder(dir, OutputLock.take(dir), disk);
    } catch (IllegalStateException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** Writes every file or none, and returns their paths in order. */
  List<Path> writeAll(Map<String, String> files, Charset charset) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((name, text) -> bytes.put(name, text.getBytes(charset)));
    try {
      return new StagedFiles(disk).writeAll(dir, bytes);
    } catch (IOException e) {
      throw new UserError("Cannot write into --out '" + dir + "': " + Failures.reason(e) + "; nothing was written.", e);
    }
  }

  /** As {@link #writeAll(Map, Charset)}, for files that are bytes (a PDF beside its sources). */
  List<Path> writeAll(Map<String, byte[]> files) {
    try {
      return new StagedFiles(disk).writeAll(dir, new LinkedHashMap<>(files));
    } catch (IOException e) {
      throw new UserError("Cannot write into --out '" + dir + "': " + Failures.reason(e) + "; nothing was written.", e);
    }
  }

  @Override
  public void close() {
    lock.close();
  }
}
