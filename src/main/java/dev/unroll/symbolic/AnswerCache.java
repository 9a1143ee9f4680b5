package dev.unroll.symbolic;

import dev.unroll.files.ProgramIdentity;
import dev.unroll.files.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers Symja's answers between runs, so a lesson whose questions Symja has answered before does
 * not wait for Symja to start (about 2 s). Only regular files up to {@link #MAX_ENTRY_BYTES} are read,
 * never through a link, so a FIFO or a link to a device in the folder is a miss, not a hang. A question is the full text of what was asked (the
 * activation's definition, or the whole cross-check's inputs) asked of one program
 * ({@link ProgramIdentity#ofCode}: its jar, or its classes), so a changed definition, derivation,
 * check or engine version is a new question: a cross-check's outcome states its worst difference to
 * the digit, and a program that computes it another way must not print the old one. An entry that cannot be read is treated as absent and recomputed;
 * writes go to a temporary file and are moved into place, so readers never see half an answer.
 *
 * <p>The folder is {@code $UNROLL_CACHE}, else {@code $XDG_CACHE_HOME/unroll}, else
 * {@code ~/.cache/unroll}; {@code UNROLL_CACHE=off} turns the cache off.
 */
public final class AnswerCache {
  /** Bumped whenever the meaning of a stored answer changes. */
  static final String FORMAT = "unroll-answers-1";
  /** The largest entry read; the largest answers (a cross-check's outcome) are a few kilobytes. */
  static final int MAX_ENTRY_BYTES = 4 * 1024 * 1024;

  /** The program that asks, computed on first use (hashing its classes takes a few milliseconds): every answer is its own. */
  private static final class Program {
    static final String ID = ProgramIdentity.ofCode();
  }

  private final Optional<Path> dir;
  private final String program;

  /** A cache of the answers of {@code program}; the others are the running program's. */
  AnswerCache(Optional<Path> dir, String program) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.program = Objects.requireNonNull(program, "program");
  }

  public static AnswerCache at(Path dir) {
    return new AnswerCache(Optional.of(dir), Program.ID);
  }

  public static AnswerCache off() {
    return new AnswerCache(Optional.empty(), Program.ID);
  }

  /** The cache the environment chooses (see the class comment). */
  public static AnswerCache standard() {
    String explicit = System.getenv("UNROLL_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      return explicit.equals("off") ? off() : at(Path.of(explicit));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return at(Path.of(xdg, "unroll"));
    }
    return at(Path.of(System.getProperty("user.home"), ".cache", "unroll"));
  }

  /** The folder the answers are kept in, or empty when the cache is off. */
  public Optional<Path> folder() {
    return dir;
  }

  public Optional<String> get(String question) {
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    Path file = dir.get().resolve(key(question));
    String asked = escape(program + "\n" + question);
    try {
      // Only a plain file of sensible size is read: a FIFO would block for ever, a link to /dev/zero
      // would fill memory. Links are not followed at all (an entry is a file this class wrote).
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile() || attributes.size() > MAX_ENTRY_BYTES) {
        return Optional.empty();
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
      }
      if (bytes.length > MAX_ENTRY_BYTES) {
        return Optional.empty();
      }
      String stored = new String(bytes, StandardCharsets.UTF_8);
      int split = stored.indexOf('\n');
      // The question is stored too, so a hash collision or a damaged file is never taken for an answer.
      if (split < 0 || !stored.substring(0, split).equals(asked)) {
        return Optional.empty();
      }
      return Optional.of(stored.substring(split + 1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores an answer; a cache that cannot be written is only slower, so failures are not errors. */
  public void put(String question, String answer) {
    if (dir.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(dir.get());
      Path target = dir.get().resolve(key(question));
      Path temp = Files.createTempFile(dir.get(), ".answer", ".tmp");
      Files.writeString(temp, escape(program + "\n" + question) + "\n" + answer, StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // Deliberately ignored: without a cache every run asks Symja again, which is correct, only slower.
    }
  }

  private static String escape(String question) {
    return question.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private String key(String question) {
    return Sha256.hex(FORMAT + "\n" + program + "\n" + question);
  }
}
