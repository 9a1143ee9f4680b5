package dev.unroll.course;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.cell.Declaration;
import dev.unroll.derive.LossKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws each student's variant from a course's ranges. The draw depends only on the seed and the
 * student's file name, so a student added to the roster changes nobody else's sheet, and the same
 * seed always hands out the same variants.
 */
public final class VariantDraw {
  private final Course course;
  private final long seed;
  private final Map<String, CellDefinition> cells = new LinkedHashMap<>();

  public VariantDraw(Course course, long seed, CellLibrary library) {
    this.course = course;
    this.seed = seed;
    for (String c : course.cells()) {
      CellDefinition cell = library.load(c);
      List<String> declared = declared(cell);
      if (parameters(cell).isEmpty()) {
        throw new IllegalArgumentException("The course asks about " + String.join(", ", course.parametersOf(cell.name()))
            + " of the " + cell.name() + " cell, which declares " + String.join(", ", declared)
            + "; give parameters." + cell.name() + " = one of those.");
      }
      cells.put(c, cell);
    }
  }

  public Variant draw(Student student) {
    SplittableRandom random = new SplittableRandom(mix(seed, student.slug()));
    String cellName = course.cells().get(random.nextInt(course.cells().size()));
    CellDefinition cell = cells.get(cellName);
    int steps = course.minSteps() + random.nextInt(course.maxSteps() - course.minSteps() + 1);
    List<String> params = parameters(cell);
    String parameter = params.get(random.nextInt(params.size()));
    LossKind loss = course.losses().get(random.nextInt(course.losses().size()));
    String activation = cell.placeholders().isEmpty() ? ""
        : course.activations().get(random.nextInt(course.activations().size()));
    return new Variant(cellName, steps, parameter, loss, activation);
  }

  private List<String> parameters(CellDefinition cell) {
    List<String> declared = declared(cell);
    return course.parametersOf(cell.name()).stream().filter(declared::contains).toList();
  }

  private static List<String> declared(CellDefinition cell) {
    return cell.declarations(Declaration.Kind.PARAM).stream().map(Declaration::name).toList();
  }

  /** A 64-bit seed from the course's seed and the student: the first eight bytes of their SHA-256. */
  private static long mix(long seed, String slug) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((seed + "\n" + slug).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256.", e);
    }
  }
}
