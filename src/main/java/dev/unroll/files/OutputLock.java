package dev.unroll.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One writer per output. A lock file beside the output, held with an operating-system lock for as
 * long as the command writes; a second writer does not wait but fails at once with
 * "another build is writing ...". The file is deleted when the lock is released, so nothing is left
 * behind: a writer that locked a file someone else deleted meanwhile sees that the path no longer
 * holds its token and tries again on the new file. The lock dies with its process, so a killed
 * build never blocks the next one.
 */
public final class OutputLock implements AutoCloseable {
  private static final AtomicLong TOKENS = new AtomicLong();
  /**
   * Lock files this process holds. Checked before a file is opened: closing a second channel on a
   * file this process has locked would release the operating system's lock (POSIX record locks
   * belong to the process), so a second writer in this process must never open it.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file for an output folder or file: {@code .NAME.lock} in the same folder. */
  public static Path beside(Path output) {
    Path out = output.toAbsolutePath().normalize();
    if (out.getParent() == null) {
      throw new IllegalArgumentException("--out must not be the root of the file system.");
    }
    return out.resolveSibling("." + out.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code output}, creating the folder that holds the lock file if needed.
   *
   * @throws OutputBusyException when another writer holds it
   */
  public static OutputLock take(Path output) {
    Path file = beside(output);
    if (!HELD.add(file)) {
      throw busy(output, file);
    }
    boolean taken = false;
    try {
      Files.createDirectories(file.getParent());
      for (int attempt = 0; attempt < 10; attempt++) {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // this process already writes there, from another thread
        }
        if (lock == null) {
          channel.close();
          throw busy(output, file);
        }
        String token = ProcessHandle.current().pid() + " " + TOKENS.incrementAndGet() + " " + System.nanoTime() + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
        if (holds(file, token)) {
          taken = true;
          return new OutputLock(file, channel, lock);
        }
        lock.release();
        channel.close(); // we locked a file its last holder deleted; lock the one at the path now
      }
      throw new OutputBusyException("the lock " + file + " of " + output + " kept changing hands; run this again.");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot take the lock " + file + " of " + output + ": " + e.getMessage(), e);
    } finally {
      if (!taken) {
        HELD.remove(file);
      }
    }
  }

  private static OutputBusyException busy(Path output, Path file) {
    return new OutputBusyException("another build is writing " + output + " (it holds " + file
        + "); wait until it has finished and run this again.");
  }

  private static boolean holds(Path file, String token) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).equals(token);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Deletes the lock file, then releases the lock (in that order, see the class comment). */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The file stays; the next writer locks it and writes its own token, so it is only untidy.
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the lock " + file + ": " + e.getMessage(), e);
    } finally {
      HELD.remove(file);
    }
  }
}
