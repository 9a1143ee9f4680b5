package dev.unroll.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The two things {@link StagedFiles} asks of the file system, behind an interface so a test can
 * stand in a file system that fails (full, read-only) at a chosen step.
 */
public interface FileWrites {
  /** Writes a new file; fails if it exists. */
  void write(Path file, byte[] bytes) throws IOException;

  /** Moves a file or folder in one step, replacing a file at {@code to}. */
  void move(Path from, Path to) throws IOException;

  /** The real file system. */
  FileWrites DISK = new FileWrites() {
    @Override
    public void write(Path file, byte[] bytes) throws IOException {
      Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  };
}
