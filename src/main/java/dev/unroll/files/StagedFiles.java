package dev.unroll.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes several files into a folder all together or not at all. Every file is first written into a
 * staging folder of this command's own inside the target folder (made, hence known, before anything
 * is written into it); only when all are written are they moved into place, each existing file first
 * moved aside into the staging folder. If any write or move fails, the files already moved in are
 * taken out again, the old ones put back, folders this command made removed, and the staging folder
 * deleted: the folder holds what it held before. (A crash, as opposed to a failure, can leave the
 * staging folder, hidden and named as one.)
 */
public final class StagedFiles {
  private final FileWrites disk;

  public StagedFiles(FileWrites disk) {
    this.disk = Objects.requireNonNull(disk, "disk");
  }

  /**
   * Writes {@code files} (relative path to bytes) into {@code dir} and returns their paths in order.
   *
   * @throws IOException after undoing everything, when a write or a move failed
   */
  public List<Path> writeAll(Path dir, Map<String, byte[]> files) throws IOException {
    Deque<Path> madeDirs = new ArrayDeque<>();
    createDirectories(dir, madeDirs);
    Path staging = Files.createTempDirectory(dir, ".unroll-staging-");
    Deque<Runnable> undo = new ArrayDeque<>();
    try {
      List<Path> targets = new ArrayList<>();
      int n = 0;
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey()).normalize();
        if (!target.startsWith(dir) || target.equals(dir)) {
          throw new IOException("the file name '" + f.getKey() + "' leaves the folder");
        }
        Path staged = staging.resolve("new").resolve(Integer.toString(n++));
        Files.createDirectories(staged.getParent());
        disk.write(staged, f.getValue());
        targets.add(target);
      }
      n = 0;
      for (Path target : targets) {
        Path staged = staging.resolve("new").resolve(Integer.toString(n));
        Path aside = staging.resolve("old").resolve(Integer.toString(n++));
        createDirectories(target.getParent(), madeDirs);
        if (Files.exists(target)) {
          Files.createDirectories(aside.getParent());
          disk.move(target, aside);
          undo.push(() -> quietly(() -> disk.move(aside, target)));
        }
        disk.move(staged, target);
        undo.push(() -> quietly(() -> Files.deleteIfExists(target)));
      }
      undo.clear();
      madeDirs.clear();
      return targets;
    } finally {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      delete(staging);
      while (!madeDirs.isEmpty()) {
        Path made = madeDirs.pop();
        quietly(() -> Files.deleteIfExists(made)); // only if empty: a folder someone else filled stays
      }
    }
  }

  private interface Step {
    void run() throws IOException;
  }

  /** Undoing is best effort: each step is tried even when an earlier one failed. */
  private static void quietly(Step step) {
    try {
      step.run();
    } catch (IOException e) {
      // The failure that started the undo is the one reported.
    }
  }

  /** Like {@link Files#createDirectories}, remembering the folders it made, innermost last. */
  private static void createDirectories(Path dir, Deque<Path> made) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(p);
    }
    for (int i = missing.size() - 1; i >= 0; i--) {
      Files.createDirectory(missing.get(i));
      made.push(missing.get(i));
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A hidden staging folder left behind is named as one; the next command does not read it.
    }
  }
}
