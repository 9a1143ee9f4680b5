package dev.unroll.verify;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one claim: a math span of the file, or a claim the prose makes in words. Every span
 * gets exactly one: {@code CONFIRMED} when something in it was judged and held and nothing in it is
 * false, {@code WRONG} when anything in it is false, {@code NOT_JUDGED} otherwise, with the reason.
 *
 * @param line where the span opens (or the prose claim starts), counted from 1 in the file as stored
 * @param place "cell 3, line 2" in a notebook
 * @param tex the span's TeX (or the prose claim's words), trimmed
 * @param reason why it was not judged; for a judged claim what it was judged as
 */
public record Outcome(int line, int column, Optional<String> place, String tex, Verdict verdict, String reason) {
  /** The three outcomes, in the order the summary counts them. */
  public enum Verdict {
    CONFIRMED, WRONG, NOT_JUDGED;

    public String spelled() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  public Outcome {
    Objects.requireNonNull(place, "place");
    Objects.requireNonNull(tex, "tex");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }
}
