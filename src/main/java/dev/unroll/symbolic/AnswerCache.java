package dev.unroll.symbolic;

import dev.unroll.files.KeptFiles;
import dev.unroll.files.ProgramIdentity;
import dev.unroll.files.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers Symja's answers between runs, so a lesson whose questions Symja has answered before does
 * not wait for Symja to start (about 2 s). Entries are {@link KeptFiles}: only regular files up to
 * {@link #MAX_ENTRY_BYTES} are read, never through a link, so a FIFO or a link to a device in the
 * folder is a miss, not a hang; an entry that cannot be read is absent and recomputed; writes are moved
 * into place, so readers never see half an answer.
 *
 * <p>A question is the full text of what was asked (the activation's definition, or the whole
 * cross-check's inputs) asked of one program ({@link ProgramIdentity#ofCode}: its jar, or its classes),
 * so a changed definition, derivation, check or engine version is a new question: a cross-check's
 * outcome states its worst difference to the digit, and a program that computes it another way must
 * not print the old one.
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
    // Only a plain file of sensible size, never through a link (an entry is a file this class wrote).
    return KeptFiles.read(dir.get().resolve(key(question)), MAX_ENTRY_BYTES).flatMap(bytes -> {
      String stored = new String(bytes, StandardCharsets.UTF_8);
      int split = stored.indexOf('\n');
      // The question is stored too, so a hash collision or a damaged file is never taken for an answer.
      return split < 0 || !stored.substring(0, split).equals(asked(question)) ? Optional.empty()
          : Optional.of(stored.substring(split + 1));
    });
  }

  /** Stores an answer; a cache that cannot be written is only slower, so failures are not errors. */
  public void put(String question, String answer) {
    if (dir.isEmpty()) {
      return;
    }
    try {
      KeptFiles.write(dir.get().resolve(key(question)), (asked(question) + "\n" + answer).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Deliberately ignored: without a cache every run asks Symja again, which is correct, only slower.
    }
  }

  /** The entry's first line: this program and the question, on one line. */
  private String asked(String question) {
    return (program + "\n" + question).replace("\\", "\\\\").replace("\n", "\\n");
  }

  private String key(String question) {
    return Sha256.hex(FORMAT + "\n" + program + "\n" + question);
  }
}
