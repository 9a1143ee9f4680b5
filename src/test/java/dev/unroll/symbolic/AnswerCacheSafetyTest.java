package dev.unroll.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache folder is anyone's: what sits at an entry's name is read only if it is a small plain file. */
class AnswerCacheSafetyTest {
  @TempDir
  Path tmp;

  /** Stores one answer and returns the file it went to. */
  private Path entry(AnswerCache cache) throws Exception {
    cache.put("question", "answer");
    assertThat(cache.get("question")).contains("answer");
    try (Stream<Path> files = Files.list(tmp)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  @Test
  void aFifoAtAnEntrysNameIsAMissNotAHang() throws Exception {
    AnswerCache cache = AnswerCache.at(tmp);
    Path file = entry(cache);
    Files.delete(file);
    Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
    Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
    Optional<String> got = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> cache.get("question"));
    assertThat(got).isEmpty();
  }

  @Test
  void aLinkToAnEndlessDeviceIsAMissNotAnOutOfMemory() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
    AnswerCache cache = AnswerCache.at(tmp);
    Path file = entry(cache);
    Files.delete(file);
    Files.createSymbolicLink(file, Path.of("/dev/zero"));
    assertThat(Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> cache.get("question"))).isEmpty();
  }

  @Test
  void aLinkToAPlainFileIsNotFollowedAndAHugeEntryIsNotRead() throws Exception {
    AnswerCache cache = AnswerCache.at(tmp);
    Path file = entry(cache);
    Path elsewhere = Files.createTempFile(tmp.getParent() == null ? tmp : tmp, "elsewhere", ".txt");
    Files.move(file, elsewhere, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.createSymbolicLink(file, elsewhere);
    assertThat(cache.get("question")).isEmpty();
    Files.delete(file);
    Files.writeString(file, "question\n" + "x".repeat(AnswerCache.MAX_ENTRY_BYTES));
    assertThat(cache.get("question")).isEmpty();
  }

  /**
   * An answer belongs to the program that computed it: a cross-check's outcome states its worst
   * difference to the digit, and another build of unroll may compute it another way.
   */
  @Test
  void anotherProgramNeverReadsAnAnswerThisOneWrote() {
    new AnswerCache(Optional.of(tmp), "program one").put("question", "answer of one");
    assertThat(new AnswerCache(Optional.of(tmp), "program two").get("question")).isEmpty();
    assertThat(new AnswerCache(Optional.of(tmp), "program one").get("question")).contains("answer of one");
    // The running program is one program: two caches of it share their answers.
    AnswerCache.at(tmp).put("asked", "told");
    assertThat(AnswerCache.at(tmp).get("asked")).contains("told");
    assertThat(new AnswerCache(Optional.of(tmp), "program one").get("asked")).isEmpty();
  }
}
