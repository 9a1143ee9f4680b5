package dev.unroll.verify;

import dev.unroll.expr.Expr;
import dev.unroll.verify.TexLexer.Token;
import dev.unroll.verify.TexLexer.Type;
import java.util.List;
import dev.unroll.expr.Time;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small, stateless pieces of {@link TexParser}: differentials, argument text, token classes. */
final class TexScripts {
  private static final Pattern TIME = Pattern.compile("(t|k|i|j|n|m|tau)(?:([+-])(\\d{1,6}))?");
  private static final Pattern EXPONENT = Pattern.compile("-?\\d{1,3}");

  private TexScripts() {}

  /** {@code s_{t-1}} is a time; any other subscript becomes part of the name ({@code W_hh}). */
  static Expr subscript(Expr base, String text) {
    Optional<Expr> indicator = Indicators.of(base, text);
    if (indicator.isPresent()) {
      return indicator.get();
    }
    if (!(base instanceof Expr.Symbol s)) {
      return base;
    }
    Matcher m = TIME.matcher(text);
    if (s.time().isEmpty() && m.matches()) {
      int offset = m.group(2) == null ? 0 : Integer.parseInt(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
      String variable = m.group(1).equals("tau") ? "t" : m.group(1);
      return new Expr.Symbol(s.name(), Optional.of(new Time(variable, offset)), Expr.Role.INTERMEDIATE);
    }
    if (s.time().isEmpty()) {
      return new Expr.Symbol(s.name() + "_" + text, Optional.empty(), s.role());
    }
    return s;
  }

  /** A time written as a superscript: {@code (t)}, {@code <t>}, {@code \\langle t \\rangle}. */
  private static final Pattern BRACKETED_TIME = Pattern.compile("(?:\\(|<|\\\\langle)(t|k|i|j|n|m|tau|\\\\tau)(?:([+-])(\\d{1,6}))?(?:\\)|>|\\\\rangle)");
  /** A stage number written as a superscript: {@code (4)}, {@code <3>}, {@code \langle 0 \rangle}. */
  private static final Pattern BRACKETED_NUMBER = Pattern.compile("(?:\\(|<|\\\\langle)(-?\\d{1,3})(?:\\)|>|\\\\rangle)");
  /** A bracketed time with a transpose mark after it: {@code (t)\top}, {@code (t-1)T}, {@code (t)\mathsf{T}}. */
  private static final Pattern TRANSPOSED_TIME = Pattern.compile("((?:\\(|<|\\\\langle).{1,12}?(?:\\)|>|\\\\rangle))"
      + "\\s*(?:\\\\top|T|\\\\intercal|\\\\mathsf\\{?T\\}?|\\\\mathrm\\{?T\\}?|\\\\mathsfT|\\\\mathrmT)");
  /** The last stage written as a bracketed superscript: {@code (\tau)}. */
  private static final Pattern LAST_STAGE = Pattern.compile("\\(\\\\tau\\)");
  /** Letters a weight's superscript names it by: {@code W^{xh}}, {@code U^{(f)}}. */
  private static final Pattern NAME_LETTERS = Pattern.compile("\\(?([a-z]{1,3})\\)?");

  /**
   * A superscript that is a time or part of a name: {@code h^{(t)}}, {@code h^{<t>}} and, on a
   * lower-case letter, {@code h^t} are times (Goodfellow's, Ng's and some notes' ways to write
   * {@code h_t}); {@code W^{xh}} is the weight {@code W_xh}. Empty when the superscript is neither.
   */
  static Optional<Expr> timeOrName(Expr base, String text) {
    if (!(base instanceof Expr.Symbol s) || s.time().isPresent()) {
      return Optional.empty();
    }
    Matcher transposed = TRANSPOSED_TIME.matcher(text);
    if (transposed.matches()) {
      // h^{(t-1)\top}: the Deep Learning book's row vector, the value at its time transposed
      return timeOrName(base, transposed.group(1)).map(Expr.Transpose::new);
    }
    if (LAST_STAGE.matcher(text).matches() && !s.name().isEmpty()) {
      // h^{(\tau)}: the book's last stage, as h_{\tau} and h_T are (AbsoluteTimes reads the name)
      return Optional.of(new Expr.Symbol(s.name() + "_\\tau", Optional.empty(), s.role()));
    }
    Matcher number = BRACKETED_NUMBER.matcher(text);
    if (number.matches() && !s.name().isEmpty()) {
      // h^{(4)}, a^{<3>}: a stage number, kept in the name as a subscript number is (AbsoluteTimes reads it)
      return Optional.of(new Expr.Symbol(s.name() + "_" + number.group(1), Optional.empty(), s.role()));
    }
    Matcher b = BRACKETED_TIME.matcher(text);
    Matcher plain = TIME.matcher(text);
    boolean lower = !s.name().isEmpty() && Character.isLowerCase(s.name().charAt(0)) || s.name().startsWith("hat_")
        || s.name().startsWith("tilde_") || s.name().startsWith("\\");
    Matcher m = b.matches() ? b : lower && plain.matches() && !text.equals("T") ? plain : null;
    if (m != null) {
      int offset = m.group(2) == null ? 0 : Integer.parseInt(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
      String variable = m.group(1).contains("tau") ? "t" : m.group(1);
      return Optional.of(new Expr.Symbol(s.name(), Optional.of(new Time(variable, offset)), Expr.Role.INTERMEDIATE));
    }
    if (s.name().startsWith("\\") && text.matches("[a-zA-Z]{1,5}") && !plain.matches()) {
      // \delta^{raw}_t, \delta^h_t: a delta the author names by a superscript, its time still to come
      return Optional.of(new Expr.Symbol(s.name() + "^" + text, Optional.empty(), s.role()));
    }
    Matcher n = NAME_LETTERS.matcher(text);
    if (!lower && n.matches() && !TIME.matcher(n.group(1)).matches()) {
      return Optional.of(new Expr.Symbol(s.name() + "_" + n.group(1), Optional.empty(), s.role()));
    }
    return Optional.empty();
  }

  /** A superscript that labels a value rather than timing it: one to three lower-case letters, never t or tau. */
  private static final Pattern LABEL = Pattern.compile("[a-z]{1,3}");

  /**
   * Whether the superscript {@code text} on {@code base} may be a label, as in {@code a^i_t} (the input
   * gate's argument at time t) or {@code \\delta^o_t}: a lower-case or Greek name with no time yet, and a
   * superscript of a few letters that is not the time letter t. Read as a label only when a time subscript
   * follows (otherwise {@code h^k} stays the time k, as Goodfellow-style notes write it).
   */
  static boolean isLabel(Expr base, String text) {
    return base instanceof Expr.Symbol s && s.time().isEmpty() && lowerOrGreek(s.name()) && label(text);
  }

  /** {@code a_t^i}: a label written after the time, on a value that already has one. */
  static Optional<Expr> labelled(Expr base, String text) {
    if (base instanceof Expr.Symbol s && s.time().isPresent() && lowerOrGreek(s.name()) && !s.name().contains("^")
        && label(text)) {
      return Optional.of(new Expr.Symbol(s.name() + "^" + text, s.time(), s.role()));
    }
    return Optional.empty();
  }

  static Expr.Symbol withLabel(Expr.Symbol s, String text) {
    return new Expr.Symbol(s.name() + "^" + text, Optional.empty(), s.role());
  }

  private static boolean label(String text) {
    return LABEL.matcher(text).matches() && !text.equals("t") && !text.equals("tau");
  }

  private static boolean lowerOrGreek(String name) {
    return !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.startsWith("\\")) && !name.contains("_");
  }

  /** {@code ^T}, {@code ^\\top}: a transpose; a whole number: an elementwise power; else empty. */
  static Optional<Expr> superscript(Expr base, String text) {
    String mark = text.replaceAll("[{}\\s]", ""); // ^{\mathsf{T}} as ^\mathsf{T}
    if (text.equals("T") || text.equals("\\top") || text.equals("\\intercal") || mark.equals("\\mathsfT")
        || mark.equals("\\mathrmT")) {
      return Optional.of(new Expr.Transpose(base));
    }
    if (EXPONENT.matcher(text).matches()) {
      return Optional.of(new Expr.Power(base, Integer.parseInt(text)));
    }
    return Optional.empty();
  }

  /** {@code \partial X} or {@code dX} as the numerator or denominator of a fraction. */
  static Optional<Expr> differential(Expr e) {
    if (e instanceof Expr.Apply a && a.function().equals("\\partial")) {
      return Optional.of(a.arguments().get(0));
    }
    if (e instanceof Expr.Product p && p.factors().size() == 2 && p.factors().get(0) instanceof Expr.Symbol d
        && d.name().equals("d") && d.time().isEmpty()) {
      return Optional.of(p.factors().get(1));
    }
    if (e instanceof Expr.Product p && p.factors().size() > 2 && p.factors().get(0) instanceof Expr.Symbol d
        && d.name().equals("d") && d.time().isEmpty()) {
      return Optional.of(Expr.juxtapose(p.factors().subList(1, p.factors().size())));
    }
    return Optional.empty();
  }

  static String joined(List<Token> arg) {
    StringBuilder b = new StringBuilder();
    for (Token t : arg) {
      b.append(t.type() == Type.COMMAND ? "\\" + t.text() : t.text());
    }
    return b.toString();
  }

  static boolean startsPrimary(Token t) {
    return switch (t.type()) {
      case WORD, NUMBER, OPEN -> true;
      case COMMAND -> !(t.text().equals("otimes") || t.text().equals("cdot") || t.text().equals("times")
          || t.text().equals("odot") || t.text().equals("circ") || t.text().equals("le") || t.text().equals("leq")
          || t.text().equals("ge") || t.text().equals("geq") || t.text().equals("approx") || t.text().equals("neq")
          || t.text().equals("to") || t.text().equals("in") || t.text().equals("quad"));
      case SYMBOL -> t.text().equals("(") || t.text().equals("[") || t.text().equals("{");
      default -> false;
    };
  }

  static String describe(Token t) {
    return t.type() == Type.COMMAND ? "\\" + t.text() : t.type() == Type.END ? "end of formula" : t.text();
  }}
