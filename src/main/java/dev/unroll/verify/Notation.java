package dev.unroll.verify;

import dev.unroll.cell.CellDefinition;
import dev.unroll.cell.CellLibrary;
import dev.unroll.expr.Expr;
import dev.unroll.expr.Rewrite;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How an author spells the variables of one cell. For the simple recurrent network ({@code rnn.cell}:
 * U, W, V, x, s, z, q, o, y, E) {@link #LESSON} is the reference lesson's own spelling and
 * {@link #CS231N} the alternative of cs231n and min-char-rnn: {@code W_{xh}}, {@code W_{hh}},
 * {@code W_{hy}} for U, W, V and {@code h} for the state, the other names as in the lesson, the same
 * renaming as {@code render.Notation.CS231N} so that corrections are written the way the file is read.
 * The gated cells' notations ({@link #LSTM}, {@link #GRU}) are read off their definition files: a
 * declared {@code Wf} is written {@code W_f}, as their lessons write it.
 *
 * @param name what {@code --notation} calls it, or the cell's name for a gated cell
 * @param cell the cell (in {@code cell.CellLibrary}) whose variables it spells
 * @param spelling author's name to cell variable, in the order suggestions list them
 * @param rows whether the author writes row vectors ({@code h W + x U}, as code does): every claim is
 *     then read transposed, the author's weight being the cell's transposed
 * @param starElementwise whether {@code *} (or {@code \cdot}) between two vectors is the elementwise
 *     product, as the author's forward equations write it ({@code h_t = o_t * \tanh(C_t)})
 */
public record Notation(String name, String cell, Map<String, String> spelling, boolean rows, boolean starElementwise) {
  public static final Notation LESSON = new Notation("lesson", "rnn", ordered(
      "U", "U", "W", "W", "V", "V", "x", "x", "s", "s", "z", "z", "q", "q", "o", "o", "y", "y", "E", "E"));
  public static final Notation CS231N = new Notation("cs231n", "rnn", ordered(
      "W_xh", "U", "W_hh", "W", "W_hy", "V", "x", "x", "h", "s", "z", "z", "q", "q", "o", "o", "y", "y", "E", "E"));
  /**
   * Other names gated cells go by, as Wikipedia writes them: the LSTM's candidate {@code \tilde{c}_t}
   * with {@code W_c}, {@code U_c}, {@code b_c}, and the GRU's {@code \hat{h}_t}: the notations
   * {@link #LSTM_WIKIPEDIA} and {@link #GRU_WIKIPEDIA}, whose corrections are written the same way.
   * Declared before the notations, which read it when the class is initialised.
   */
  private static final Map<String, Map<String, String>> ALSO = Map.of(
      "lstm", ordered("tilde_c", "g", "W_c", "Wg", "U_c", "Ug", "b_c", "bg"),
      "gru", ordered("hat_h", "n", "tilde_h", "n"));

  /** Activation names authors write, as the cell's: Wikipedia's LSTM has sigma_g for gates and sigma_c, sigma_h for tanh. */
  private static final Map<String, String> FUNCTIONS = Map.of(
      "sigma", "sigmoid", "\\sigma", "sigmoid", "sigma_g", "sigmoid", "sigma_c", "tanh", "sigma_h", "tanh");

  public static final Notation LSTM = ofCell(new CellLibrary().load("lstm"), false);
  public static final Notation GRU = ofCell(new CellLibrary().load("gru"), false);
  public static final Notation LSTM_WIKIPEDIA = ofCell(new CellLibrary().load("lstm"), true);
  public static final Notation GRU_WIKIPEDIA = ofCell(new CellLibrary().load("gru"), true);

  public Notation {
    spelling = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spelling));
  }

  public Notation(String name, String cell, Map<String, String> spelling) {
    this(name, cell, spelling, false, false);
  }

  /** Every notation, the reference lesson's first (it wins a tie when a file's notation is guessed). */
  public static List<Notation> all() {
    return List.of(LESSON, CS231N, LSTM, GRU, LSTM_WIKIPEDIA, GRU_WIKIPEDIA);
  }

  /** A {@code --notation} choice: the two spellings of the simple recurrent network. */
  public static Notation named(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals(LESSON.name)) {
      return LESSON;
    } else if (n.equals(CS231N.name)) {
      return CS231N;
    }
    throw new IllegalArgumentException("--notation must be lesson or cs231n, got '" + name + "'.");
  }

  /** The notations of one cell. */
  public static List<Notation> ofCellNamed(String cell) {
    List<Notation> out = all().stream().filter(n -> n.cell.equals(cell)).toList();
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--cell must be one of " + String.join(", ", CellLibrary.BUILT_IN) + ", got '"
          + cell + "'.");
    }
    return out;
  }

  /**
   * Of the candidates, the notation the expressions are written in: first the cell whose distinctive
   * names (known to no other candidate cell) they use most, then, of that cell's notations, the one
   * whose own names they use most. A tie goes to the first candidate.
   */
  static Notation guess(List<Expr> expressions, List<Notation> candidates) {
    List<Expr.Symbol> symbols = new java.util.ArrayList<>();
    expressions.forEach(e -> symbols(e, symbols));
    List<String> cells = candidates.stream().map(Notation::cell).distinct().toList();
    String cell = cells.get(mostDistinctive(cells, symbols,
        (c, sym) -> candidates.stream().anyMatch(n -> n.cell.equals(c) && n.resolve(sym).isPresent())));
    List<Notation> ofCell = candidates.stream().filter(n -> n.cell.equals(cell)).toList();
    return ofCell.get(mostDistinctive(ofCell, symbols, (n, sym) -> n.resolve(sym).isPresent()));
  }

  /** The option that the most symbols are known to alone; the first on a tie. */
  private static <T> int mostDistinctive(List<T> options, List<Expr.Symbol> symbols,
      java.util.function.BiPredicate<T, Expr.Symbol> knows) {
    int[] hits = new int[options.size()];
    for (Expr.Symbol sym : symbols) {
      int[] knowing = java.util.stream.IntStream.range(0, options.size()).filter(i -> knows.test(options.get(i), sym)).toArray();
      if (knowing.length == 1) {
        hits[knowing[0]]++;
      }
    }
    int best = 0;
    for (int i = 1; i < hits.length; i++) {
      if (hits[i] > hits[best]) {
        best = i;
      }
    }
    return best;
  }

  private static void symbols(Expr e, List<Expr.Symbol> out) {
    if (e instanceof Expr.Symbol s) {
      out.add(s);
      return;
    }
    for (Expr c : Subexpressions.children(e)) {
      symbols(c, out);
    }
  }


  /**
   * A gated cell's spelling: every declared name, a parameter such as {@code Wf} written {@code W_f};
   * with {@code wikipedia}, Wikipedia's names first (so messages use them) and the cell's as well.
   */
  static Notation ofCell(CellDefinition cell, boolean wikipedia) {
    Map<String, String> m = new LinkedHashMap<>();
    if (wikipedia) {
      m.putAll(ALSO.getOrDefault(cell.name(), Map.of()));
    }
    for (dev.unroll.cell.Equation e : cell.equations()) {
      m.put(e.target().name(), e.target().name());
    }
    for (dev.unroll.cell.Declaration d : cell.declarations()) {
      String n = d.name();
      boolean subscripted = n.length() > 1 && n.chars().skip(1).allMatch(Character::isLowerCase);
      m.put(subscripted ? n.charAt(0) + "_" + n.substring(1) : n, n);
    }
    m.put(cell.loss(), cell.loss());
    return new Notation(wikipedia ? cell.name() + "-wikipedia" : cell.name(), cell.name(), m);
  }

  /** An author's expression in the cell's names and functions; times untouched, unknown names kept. */
  public Expr toCell(Expr e) {
    Expr named = Rewrite.bottomUp(e, x -> {
      if (x instanceof Expr.Symbol s) {
        return resolve(s).map(r -> (Expr) r).orElse(s);
      }
      if (x instanceof Expr.Apply a && FUNCTIONS.containsKey(a.function())) {
        return new Expr.Apply(FUNCTIONS.get(a.function()), a.arguments());
      }
      return x;
    });
    Expr read = starElementwise ? elementwise(named) : named;
    return rows ? columns(read) : read;
  }

  /** {@code a * b} of two vectors as {@code a \odot b}; a product with a matrix in it stays one. */
  private static Expr elementwise(Expr e) {
    Expr inner = Rewrite.children(e, Notation::elementwise);
    if (inner instanceof Expr.Product p && p.style() == Expr.ProductStyle.CHAIN && p.factors().size() > 1
        && p.factors().stream().allMatch(Notation::isVector)) {
      Expr out = p.factors().get(0);
      for (int i = 1; i < p.factors().size(); i++) {
        out = new Expr.Hadamard(out, p.factors().get(i));
      }
      return out;
    }
    return inner;
  }

  /** Whether an expression is a per-stage vector: it holds a value at a time and no timeless matrix is multiplied in. */
  private static boolean isVector(Expr e) {
    if (e instanceof Expr.Symbol s) {
      return s.time().isPresent();
    }
    if (e instanceof Expr.Partial p) {
      return p.by() instanceof Expr.Symbol b && b.time().isPresent() && p.of() instanceof Expr.Symbol;
    }
    if (e instanceof Expr.Product || e instanceof Expr.Transpose || e instanceof Expr.Diag) {
      return false;
    }
    return Subexpressions.children(e).stream().anyMatch(Notation::isVector)
        && Subexpressions.children(e).stream().allMatch(c -> c instanceof Expr.Num || isVector(c) || !hasMatrix(c));
  }

  private static boolean hasMatrix(Expr e) {
    if (e instanceof Expr.Symbol s) {
      return s.time().isEmpty();
    }
    return Subexpressions.children(e).stream().anyMatch(Notation::hasMatrix);
  }

  /**
   * A claim in row vectors as its transpose in columns: {@code (a B)^T = B^T a^T}, so a product's
   * factors turn round, while a symbol stays (a row's transpose is the cell's column, an author's weight
   * the transpose of the cell's), as do sums, elementwise products and functions applied elementwise.
   * A series' body is turned round like any expression; its limits are not.
   */
  private static Expr columns(Expr e) {
    if (e instanceof Expr.Product p) {
      List<Expr> f = new java.util.ArrayList<>();
      for (int i = p.factors().size() - 1; i >= 0; i--) {
        f.add(columns(p.factors().get(i)));
      }
      return new Expr.Product(f, p.style());
    }
    if (e instanceof Expr.Apply a && (a.function().equals("sum") || a.function().equals("prod"))
        && a.arguments().size() == 3) {
      return new Expr.Apply(a.function(), List.of(a.arguments().get(0), a.arguments().get(1), columns(a.arguments().get(2))));
    }
    if (e instanceof Expr.Partial) {
      return e;
    }
    return Rewrite.children(e, Notation::columns);
  }

  /** The notation {@code render.LatexWriter} spells corrections in. */
  public dev.unroll.render.Notation render() {
    if (this == CS231N) {
      return dev.unroll.render.Notation.CS231N;
    }
    if (name.equals(DOCUMENT)) {
      Map<String, String> renames = new LinkedHashMap<>();
      spelling.forEach((author, variable) -> renames.putIfAbsent(variable, authorTex(author)));
      renames.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
      return dev.unroll.render.Notation.of(DOCUMENT, renames);
    }
    return name.endsWith("-wikipedia") ? dev.unroll.render.Notation.WIKIPEDIA : dev.unroll.render.Notation.LESSON;
  }

  /** The name of a notation read from the document's own forward equations ({@link NetworkReader}). */
  public static final String DOCUMENT = "document";

  /**
   * A notation read from a document, or the built-in one it coincides with (so that a file in the
   * lesson's own names is read, and corrected, exactly as before).
   */
  static Notation read(Map<String, String> spelling) {
    for (Notation n : List.of(LESSON, CS231N)) {
      if (spelling.entrySet().stream().allMatch(e -> e.getValue().equals(n.spelling.get(e.getKey())))) {
        return n;
      }
    }
    return new Notation(DOCUMENT, "rnn", spelling);
  }

  /** The TeX of an author's symbol as the parser named it: {@code W_hh} is {@code W_{hh}}, {@code hat_y} is {@code \hat{y}}. */
  private static String authorTex(String author) {
    if (author.startsWith("hat_") || author.startsWith("tilde_") || author.startsWith("bar_")) {
      int u = author.indexOf('_');
      return "\\" + author.substring(0, u) + "{" + author.substring(u + 1).replace("{", "").replace("}", "") + "}";
    }
    int u = author.indexOf('_');
    return u < 0 ? author : author.substring(0, u) + "_{" + author.substring(u + 1) + "}";
  }

  /** The cell variable an author's symbol stands for, if this notation knows it. */
  public Optional<String> variable(String authorName) {
    return Optional.ofNullable(spelling.get(authorName));
  }

  /**
   * The cell variable a parsed symbol stands for. A subscript that the parser took for a time because
   * it is an index letter ({@code W_i}, the LSTM's input gate weights) names the parameter instead
   * when the notation knows {@code W_i} and no {@code W} with a time.
   */
  public Optional<Expr.Symbol> resolve(Expr.Symbol s) {
    Optional<String> plain = variable(s.name());
    if (s.time().isPresent() && s.time().get().offset() == 0) {
      Optional<String> indexed = variable(s.name() + "_" + s.time().get().variable());
      if (indexed.isPresent() && plain.isEmpty()) {
        return Optional.of(new Expr.Symbol(indexed.get(), Optional.empty(), s.role()));
      }
    }
    return plain.map(v -> new Expr.Symbol(v, s.time(), s.role()));
  }

  /** How this notation spells a cell variable ({@code W} is {@code W_hh} in cs231n). */
  public String spell(String variable) {
    for (Map.Entry<String, String> e : spelling.entrySet()) {
      if (e.getValue().equals(variable)) {
        return e.getKey();
      }
    }
    return variable;
  }

  /** The known symbol closest to an unknown one: same letter in another case, the other notation's name, or fewest edits. */
  public String nearest(String unknown) {
    for (String known : spelling.keySet()) {
      if (known.equalsIgnoreCase(unknown)) {
        return known;
      }
    }
    for (Notation other : name.equals(DOCUMENT) ? List.<Notation>of() : all()) {
      if (other != this && other.cell.equals(cell) && other.spelling.containsKey(unknown)) {
        return spell(other.spelling.get(unknown));
      }
    }
    return spelling.keySet().stream()
        .min(Comparator.comparingInt((String k) -> distance(k, unknown)).thenComparing(Comparator.naturalOrder()))
        .orElseThrow();
  }

  /** Whether the unknown name is the other notation's spelling of a variable. */
  public Optional<Notation> otherSpelling(String unknown) {
    if (name.equals(DOCUMENT)) {
      return Optional.empty(); // the document's own names are the only spelling it has
    }
    return all().stream().filter(n -> n != this && n.cell.equals(cell) && n.spelling.containsKey(unknown)).findFirst();
  }


  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
