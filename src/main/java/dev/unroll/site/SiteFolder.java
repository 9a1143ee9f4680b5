package dev.unroll.site;

import dev.unroll.files.OutputLock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a site lives on disk, so that a reader never finds {@code --out} empty or half built and two
 * builds never mix their files. {@code --out} (say {@code output/site}) is a symbolic link to a whole
 * build in a hidden sibling store ({@code output/.site.unroll/build-...}); a build writes into a
 * staging folder of its own in the store and is published by renaming a new link over the old one,
 * one atomic step, after which the previous build is deleted. One build at a time holds the output's
 * {@link OutputLock} (in the store's {@code .lock}); a second fails at once. Under the lock, a build first repairs what a killed
 * build left: staging folders and links not in use are deleted, and a missing or dangling {@code --out}
 * is pointed back at the newest whole build. A site built before sites were links (a real folder
 * with the marker) is moved into the store on the next build.
 */
final class SiteFolder implements AutoCloseable {
  private static final String BUILD = "build-";
  private static final String LINK = "link-";
  /** The lock file, in the store: the one entry that is neither a build nor a link, and stays. */
  private static final String LOCK = ".lock";

  private final Path out;
  private final Path store;
  private final OutputLock lock;

  private SiteFolder(Path out, Path store, OutputLock lock) {
    this.out = out;
    this.store = store;
    this.lock = lock;
  }

  /** The hidden folder beside {@code out} that holds its builds. */
  static Path store(Path out) {
    return out.resolveSibling("." + out.getFileName() + ".unroll");
  }

  /**
   * Takes {@code out} for one build: refuses a folder unroll did not make, takes the lock, repairs.
   *
   * @param out absolute and normalised
   */
  static SiteFolder take(Path out) throws IOException {
    checkReplaceable(out);
    OutputLock lock = OutputLock.take(out, store(out).resolve(LOCK));
    try {
      SiteFolder folder = new SiteFolder(out, store(out), lock);
      checkReplaceable(out); // again under the lock: another build may have finished meanwhile
      folder.repair();
      return folder;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** A new, empty staging folder of this build's own, with the marker. */
  Path staging() throws IOException {
    Files.createDirectories(store);
    Path staging = Files.createTempDirectory(store, BUILD);
    Files.writeString(staging.resolve(SiteBuilder.MARKER),
        "A site built by unroll; 'unroll site' replaces this folder whole.\n");
    return staging;
  }

  /** Makes {@code staging} the site at {@code out} in one rename, then deletes the build it replaced. */
  void publish(Path staging) throws IOException {
    Optional<Path> previous = current();
    if (previous.isEmpty() && Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(out)) {
      // A site from before sites were links, or an empty folder: moved into the store first. Only
      // this once does --out disappear, between this rename and the next.
      Path aside = Files.createTempDirectory(store, "old-");
      Files.delete(aside);
      Files.move(out, aside, StandardCopyOption.ATOMIC_MOVE);
      previous = Optional.of(aside);
    }
    Path link = store.resolve(LINK + staging.getFileName());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, out.getParent().relativize(staging));
    Files.move(link, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (previous.isPresent() && !previous.get().equals(staging)) {
      delete(previous.get());
    }
  }

  /** Deletes a staging folder that will not be published. */
  void discard(Path staging) {
    try {
      delete(staging);
    } catch (IOException | RuntimeException e) {
      // The next build deletes what is left (repair).
    }
  }

  @Override
  public void close() {
    lock.close();
  }

  /** The build {@code out} links to, if it is such a link and the build exists. */
  private Optional<Path> current() throws IOException {
    if (!Files.isSymbolicLink(out)) {
      return Optional.empty();
    }
    Path target = out.getParent().resolve(Files.readSymbolicLink(out)).normalize();
    return target.getParent() != null && target.getParent().equals(store) && Files.isDirectory(target)
        ? Optional.of(target) : Optional.empty();
  }

  /** Puts right what a killed build left: see the class comment. */
  private void repair() throws IOException {
    if (!Files.isDirectory(store, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Optional<Path> current = current();
    boolean missing = !Files.exists(out, LinkOption.NOFOLLOW_LINKS) || (Files.isSymbolicLink(out) && current.isEmpty());
    if (missing) {
      Optional<Path> whole = newestWholeBuild();
      if (whole.isPresent()) {
        Files.deleteIfExists(out);
        Path link = store.resolve(LINK + "repair");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, out.getParent().relativize(whole.get()));
        Files.move(link, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        current = whole;
      }
    }
    for (Path entry : entries(store)) {
      if (!entry.getFileName().toString().equals(LOCK) && (current.isEmpty() || !entry.equals(current.get()))) {
        delete(entry);
      }
    }
  }

  /** A build is whole once its index page is written, the last file a build writes. */
  private Optional<Path> newestWholeBuild() throws IOException {
    Path newest = null;
    FileTime newestTime = null;
    for (Path entry : entries(store)) {
      Path index = entry.resolve("index.html");
      if (!Files.isSymbolicLink(entry) && Files.isDirectory(entry) && Files.exists(entry.resolve(SiteBuilder.MARKER))
          && Files.isRegularFile(index)) {
        FileTime t = Files.getLastModifiedTime(index);
        if (newest == null || t.compareTo(newestTime) > 0) {
          newest = entry;
          newestTime = t;
        }
      }
    }
    return Optional.ofNullable(newest);
  }

  private static List<Path> entries(Path folder) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
      s.forEach(out::add);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Refuses an {@code out} that is a file, a link unroll did not make, or a folder of other files. */
  private static void checkReplaceable(Path out) {
    if (Files.isSymbolicLink(out)) {
      try {
        Path target = out.getParent().resolve(Files.readSymbolicLink(out)).normalize();
        if (!store(out).equals(target.getParent())) {
          throw new IllegalArgumentException("--out " + out + " is a link to " + target + ", which unroll did not"
              + " make; give the folder the site should be in, not a link to it.");
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("--out " + out + " is a link that cannot be read: " + e.getMessage() + ".", e);
      }
      return;
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out must name a folder, but " + out + " is a file.");
    }
    if (Files.isDirectory(out) && !Files.exists(out.resolve(SiteBuilder.MARKER))) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("--out must name an empty folder or a site built by unroll; " + out
              + " holds other files, and the build would replace them.");
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("--out " + out + " cannot be read: " + e.getMessage() + ".", e);
      }
    }
  }

  /** Deletes a file, a link (not what it points to) or a folder and everything in it. */
  private static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
