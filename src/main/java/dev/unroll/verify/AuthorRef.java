package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.expr.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one written symbol names in the author's network, read off its spelling: the base name
 * ({@code h}, {@code W_hy}, {@code \delta^raw}), the stage (a time such as {@code t+1}, a number
 * such as {@code 3}, or {@code T} for the last) and any component indices ({@code i} of
 * {@code h_{t,i}}, {@code ij} of {@code W_{ij}}, the target index {@code c_t} of {@code p_{t,c_t}}).
 * The parser keeps a subscript it cannot read as a time in the name ({@code h_t,i}, {@code x_3}), so
 * the name is split at the longest known base.
 */
record AuthorRef(String base, Optional<Time> time, OptionalInt stage, boolean last, List<Index> indices) {
  private static final Pattern TIME = Pattern.compile("([a-z])(?:([+-])(\\d{1,3}))?");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");

  /** A component index: a letter set by a sum or left free, a fixed position, or a target's index at a time. */
  record Index(Optional<String> letter, OptionalInt position, Optional<AuthorRef> target) {}

  boolean staged() {
    return time.isPresent() || stage.isPresent() || last;
  }

  /**
   * Reads a symbol, given which bases are staged values and which are known at all.
   *
   * @param staged whether a base is a value per stage (its subscript starts with a time)
   * @param known whether a base names anything in the network
   */
  static Optional<AuthorRef> read(Expr.Symbol s, Predicate<String> staged, Predicate<String> known) {
    if (s.time().isPresent()) {
      if (!known.test(s.name())) {
        return Optional.empty();
      }
      Time t = s.time().get();
      if (!staged.test(s.name()) && t.offset() == 0) {
        // b_i: a letter below a weight or bias is a component index
        return Optional.of(new AuthorRef(s.name(), Optional.empty(), OptionalInt.empty(), false,
            List.of(new Index(Optional.of(t.variable()), OptionalInt.empty(), Optional.empty()))));
      }
      return Optional.of(new AuthorRef(s.name(), Optional.of(t), OptionalInt.empty(), false, List.of()));
    }
    String name = s.name();
    if (known.test(name)) {
      return Optional.of(new AuthorRef(name, Optional.empty(), OptionalInt.empty(), false, List.of()));
    }
    for (int p = name.lastIndexOf('_'); p > 0; p = name.lastIndexOf('_', p - 1)) {
      String base = name.substring(0, p);
      if (known.test(base)) {
        Optional<AuthorRef> r = rest(base, name.substring(p + 1), staged.test(base), staged, known);
        if (r.isPresent()) {
          return r;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<AuthorRef> rest(String base, String rest, boolean isStaged, Predicate<String> staged,
      Predicate<String> known) {
    List<String> parts = split(rest);
    Optional<Time> time = Optional.empty();
    OptionalInt stage = OptionalInt.empty();
    boolean last = false;
    int from = 0;
    if (isStaged) {
      String first = parts.get(0);
      Matcher m = TIME.matcher(first);
      if (NUMBER.matcher(first).matches()) {
        stage = OptionalInt.of(Integer.parseInt(first));
      } else if (first.equals("T") || first.equals("N")) {
        last = true;
      } else if (m.matches()) {
        int off = m.group(2) == null ? 0 : Integer.parseInt(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
        time = Optional.of(new Time(m.group(1), off));
      } else {
        return Optional.empty();
      }
      from = 1;
    } else if (parts.size() == 1 && parts.get(0).matches("[a-z]{2,3}")) {
      // W_{ij}: one letter per index
      parts = parts.get(0).chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }
    List<Index> indices = new ArrayList<>();
    for (String part : parts.subList(from, parts.size())) {
      if (part.matches("[a-z]")) {
        indices.add(new Index(Optional.of(part), OptionalInt.empty(), Optional.empty()));
      } else if (NUMBER.matcher(part).matches()) {
        indices.add(new Index(Optional.empty(), OptionalInt.of(Integer.parseInt(part) - 1), Optional.empty()));
      } else {
        Optional<AuthorRef> target = read(new Expr.Symbol(part, Optional.empty(), Expr.Role.PARAMETER), staged, known)
            .filter(AuthorRef::staged);
        if (target.isEmpty()) {
          return Optional.empty();
        }
        indices.add(new Index(Optional.empty(), OptionalInt.empty(), target));
      }
    }
    return Optional.of(new AuthorRef(base, time, stage, last, List.copyOf(indices)));
  }

  /** The parts of a subscript between commas, {@code t,c_t} as {@code t} and {@code c_t}. */
  private static List<String> split(String rest) {
    List<String> out = new ArrayList<>();
    for (String p : rest.split(",")) {
      out.add(p.strip());
    }
    return out;
  }
}
