package dev.unroll.site;

import dev.unroll.files.Sha256;
import dev.unroll.files.KeptFiles;
import dev.unroll.files.ProgramIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Each lesson's files as a build made them, kept for the next build under the hash of everything
 * they were made from, so that a rebuild derives, checks and renders only the lessons whose inputs
 * changed. What a lesson's files are made from ({@link SiteBuilder} writes the key): the program
 * itself ({@link #engineOfThisProgram}: the name, CRC and size of every class, template and asset in
 * its jar, so a changed engine, check or built-in template is a new key), the lesson's spec, the
 * bytes of its {@code .cell} file, the bytes of every file of the site's own templates, the site's
 * title, the whole grid (the sidebar lists every lesson), the page's place and neighbours, and whether
 * it has a PDF. Contents are hashed, never file times.
 *
 * <p>Only a lesson whose checks all passed is kept: a failing one is made again on every build, so
 * the build reports it every time. Entries are written to a temporary file and moved into place; one
 * that is not a regular file (links are not followed), is too large or does not read back whole is a
 * miss, and the lesson is made again. Each program keeps its entries in a folder of its own; the
 * folders of other programs are removed once unused for a while ({@link #prune}).
 */
final class PageStore {
  private static final String MAGIC = "unroll-site-lesson-files-1";
  /** The largest entry read; a lesson's files, its PDF included, are well under a megabyte. */
  private static final int MAX_ENTRY_BYTES = 64 << 20;

  /** Another program's entries, not written for this long, are removed after a build ({@link #prune}). */
  static final java.time.Duration UNUSED = java.time.Duration.ofHours(1);

  private final Path root;
  private final Path folder;
  private final String engine;

  /**
   * @param root the folder of every program's entries; this program's go into a folder of its own in it
   * @param engine what identifies the program that makes the pages; part of every key
   */
  PageStore(Path root, String engine) {
    this.root = Objects.requireNonNull(root, "root");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.folder = root.resolve(Sha256.hex("engine " + engine).substring(0, 16));
  }

  /**
   * Removes the folders of other programs (an older build of the jar) that nothing has written to
   * for {@link #UNUSED}: their entries can never be read by this program, and each holds a whole
   * site. File times decide only what to throw away, never what is read.
   */
  void prune() {
    long before = System.currentTimeMillis() - UNUSED.toMillis();
    try (Stream<Path> folders = Files.list(root)) {
      for (Path other : folders.filter(p -> !p.equals(folder)).toList()) {
        BasicFileAttributes a = Files.readAttributes(other, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isDirectory() && a.lastModifiedTime().toMillis() < before) {
          try (Stream<Path> walk = Files.walk(other)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(p);
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // Pruning only saves disk space; the next build tries again.
    }
  }

  /** A store in {@code folder} for this program, or empty when the program is not run from a jar. */
  static Optional<PageStore> forThisProgram(Path folder) {
    return engineOfThisProgram().map(e -> new PageStore(folder, e));
  }

  /** The identity of the running program's jar ({@link ProgramIdentity#ofJar}); empty when it does not run from one. */
  static Optional<String> engineOfThisProgram() {
    return ProgramIdentity.ofJar();
  }

  /** A hash of every file under {@code dir}: their paths relative to it and their bytes, in path order. */
  static String contents(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        all.append(dir.relativize(p)).append(' ').append(Sha256.hex(Files.readAllBytes(p))).append('\n');
      }
    }
    return Sha256.hex(all.toString());
  }

  /** The files kept for these inputs, or empty. */
  Optional<Map<String, byte[]>> get(String inputs) {
    Optional<byte[]> kept = KeptFiles.read(file(inputs), MAX_ENTRY_BYTES);
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] bytes = kept.get();
      DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes));
      if (!data.readUTF().equals(MAGIC) || !data.readUTF().equals(Sha256.hex(engine + "\n" + inputs))) {
        return Optional.empty();
      }
      int count = data.readInt();
      Map<String, byte[]> files = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String name = data.readUTF();
        int length = data.readInt();
        if (length < 0 || length > data.available()) {
          return Optional.empty();
        }
        files.put(name, data.readNBytes(length));
      }
      return data.available() == 0 ? Optional.of(files) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // made again
    }
  }

  /** Keeps a lesson's files; a failure to keep them only costs the next build the time to make them. */
  void put(String inputs, Map<String, byte[]> files) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream data = new DataOutputStream(bytes);
      data.writeUTF(MAGIC);
      data.writeUTF(Sha256.hex(engine + "\n" + inputs));
      data.writeInt(files.size());
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        data.writeUTF(f.getKey());
        data.writeInt(f.getValue().length);
        data.write(f.getValue());
      }
      data.flush();
      KeptFiles.write(file(inputs), bytes.toByteArray());
    } catch (IOException | RuntimeException e) {
      // Keeping is only for speed.
    }
  }

  private Path file(String inputs) {
    return folder.resolve(Sha256.hex(engine + "\n" + inputs) + ".lesson");
  }
}
