package dev.unroll.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unroll.symbolic.ActivationBounds;
import dev.unroll.symbolic.AnswerCache;
import dev.unroll.symbolic.DerivativeBounds;
import dev.unroll.verify.Document;
import dev.unroll.verify.DocumentReader;
import dev.unroll.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} judges a prose bound ("its derivative will always be less than 0.25") from Symja's
 * remembered answer: the same finding as Symja gives, and no Symja started once the answer is kept.
 */
class VerifyRememberedBoundsTest {
  private static final Path LESSON = Path.of("src/test/resources/verify/exploding-gradient-lesson.md");

  @TempDir
  Path cacheDir;

  @Test
  void aBoundAskedOnceIsAnsweredFromTheCacheWithoutSymja() throws Exception {
    AnswerCache cache = AnswerCache.at(cacheDir);
    ActivationBounds.Bound asked = CachedBounds.ofBuiltIns(cache, ActivationBounds::new)
        .maxAbsDerivative("sigmoid").orElseThrow();
    assertThat(asked.maximum()).isEqualTo("1/4");
    assertThat(Files.list(cacheDir).count()).isEqualTo(1);

    DerivativeBounds remembered = CachedBounds.ofBuiltIns(cache, () -> {
      throw new AssertionError("Symja was started although the answer is in the cache");
    });
    assertThat(remembered.maxAbsDerivative("sigmoid")).contains(asked);
    assertThat(remembered.maxAbsDerivative("no-such-activation")).isEmpty();
  }

  @Test
  void theLessonsFindingsAreTheSameFromTheCacheAsFromSymja() throws Exception {
    AnswerCache cache = AnswerCache.at(cacheDir);
    CachedBounds.ofBuiltIns(cache, ActivationBounds::new).maxAbsDerivative("sigmoid");
    DerivativeBounds noSymja = CachedBounds.ofBuiltIns(cache, () -> {
      throw new AssertionError("Symja was started although the answer is in the cache");
    });

    List<String> fromCache = findings(noSymja);
    List<String> fromSymja = findings(new ActivationBounds());

    assertThat(fromCache).isEqualTo(fromSymja);
    assertThat(fromCache).anySatisfy(f -> assertThat(f).contains("error: \"less than 0.25\" is wrong"));
  }

  private static List<String> findings(DerivativeBounds bounds) throws Exception {
    Document document = new DocumentReader().read(LESSON);
    return new Verifier(Verifier.Options.inferred(), bounds).verify(LESSON.toString(), document).findings().stream()
        .map(f -> f.format(LESSON.toString())).toList();
  }
}
