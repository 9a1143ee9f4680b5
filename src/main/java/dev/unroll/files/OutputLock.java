package dev.unroll.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per output. A lock file beside the output, held with an operating-system lock for as
 * long as the command writes; a second writer does not wait but fails at once with
 * "another build is writing ...". The lock dies with its process, so a killed build never blocks the
 * next one. The (empty) lock file stays: deleting it would let two writers lock two different files
 * of one name, and proving which file a lock is on would mean opening the file a second time, which
 * releases the lock (POSIX record locks belong to the process, and any close drops them).
 */
public final class OutputLock implements AutoCloseable {
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
   * Takes the lock of {@code output} in its lock file beside it ({@link #beside}).
   *
   * @throws OutputBusyException when another writer holds it
   */
  public static OutputLock take(Path output) {
    return take(output, beside(output));
  }

  /**
   * Takes the lock of {@code output} in {@code file}, creating the folder that holds it if needed.
   *
   * @throws OutputBusyException when another writer holds it
   */
  public static OutputLock take(Path output, Path file) {
    if (!HELD.add(file)) {
      throw busy(output, file);
    }
    boolean taken = false;
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close(); // no lock of this process is on the file (HELD), so closing releases nothing
        throw busy(output, file);
      }
      taken = true;
      return new OutputLock(file, channel, lock);
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

  /** Releases the lock; the file stays (see the class comment). */
  @Override
  public void close() {
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
