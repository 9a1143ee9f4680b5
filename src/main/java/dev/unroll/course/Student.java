package dev.unroll.course;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * One student of a class: the name as the roster gives it and the slug that names the student's
 * files ({@code Ada Lovelace} is {@code ada-lovelace}).
 */
public record Student(String name, String slug) {
  public Student {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(slug, "slug");
    if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("A student's file name must be lower-case letters, digits and dashes, got '"
          + slug + "'.");
    }
  }

  /** A student named as a roster line names them. */
  public static Student named(String name) {
    String plain = Normalizer.normalize(name.strip(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    if (slug.isEmpty()) {
      throw new IllegalArgumentException("The student name '" + name.strip()
          + "' has no letter or digit to name a file by; use letters or digits.");
    }
    return new Student(name.strip(), slug);
  }
}
