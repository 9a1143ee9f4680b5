package dev.unroll.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Files a program keeps for its next run (Symja's answers, a site's lesson files, compiled PDFs), in
 * a folder anyone may write to. Reading takes only a regular file of sensible size, never through a
 * link: a FIFO would block for ever, a link to {@code /dev/zero} would fill memory. Writing goes to a
 * temporary file beside the target, then moves it into place, so a reader never sees half a file.
 * Keeping is only for speed: whatever cannot be read is a miss, and the caller makes it again.
 */
public final class KeptFiles {
  private KeptFiles() {}

  /** The file's bytes, or empty when it is missing, not a regular file, a link, or over {@code maxBytes}. */
  public static Optional<byte[]> read(Path file, int maxBytes) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile() || attributes.size() > maxBytes) {
        return Optional.empty();
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(maxBytes + 1);
      }
      return bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Writes {@code bytes} to {@code file} through a temporary file in its folder, made if missing. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, ".kept", ".tmp");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
