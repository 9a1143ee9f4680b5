package dev.unroll.verify;

import dev.unroll.verify.TexLexer.Token;
import dev.unroll.verify.TexLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The position of {@link TexParser} in a list of tokens that ends with an END token (which is never
 * passed: reading on at the end keeps returning it). A braced argument is read here as a token list,
 * and {@link #within} lets the parser read such a list as a formula of its own and then come back.
 */
final class TexCursor {
  /** Commands that only set a font: {@code \mathbf{x}} as an argument is the group after it. */
  static final Set<String> FONT = Set.of("mathbf", "boldsymbol", "bm", "mathrm", "mathit", "vec",
      "mathsf", "mathcal", "mathnormal", "pmb", "text", "textrm", "textit", "mbox");

  /** Relations a row may state between its sides besides {@code =}. */
  private static final Set<String> INEQUALITIES = Set.of("le", "leq", "ge", "geq", "lt", "gt", "ll", "gg", "ne", "neq",
      "approx", "sim", "simeq", "propto", "leqslant", "geqslant");

  private List<Token> tokens;
  private int pos;
  private int end;

  /** A cursor at the start of {@code tokens}, which are followed by an END token at {@code endOffset}. */
  TexCursor(List<Token> tokens, int endOffset) {
    start(tokens, endOffset);
  }

  private void start(List<Token> list, int endOffset) {
    List<Token> withEnd = new ArrayList<>(list);
    withEnd.add(new Token(Type.END, "", endOffset));
    this.tokens = withEnd;
    this.pos = 0;
    this.end = withEnd.size() - 1;
  }

  Token peek() {
    return tokens.get(Math.min(pos, end));
  }

  /** The token {@code k} places ahead ({@code peekAt(0)} is {@link #peek}), or END. */
  Token peekAt(int k) {
    return tokens.get(Math.min(pos + k, end));
  }

  Token next() {
    Token t = peek();
    if (pos < end) {
      pos++;
    }
    return t;
  }

  /** Consumes a token of the given type, or reports the group opened at {@code openedAt} as never closed. */
  void expect(Type type, int openedAt) {
    if (peek().type() != type) {
      throw new TexSyntaxException("'{' is never closed", openedAt);
    }
    next();
  }

  /** The tokens of one argument: a braced group (without its braces), a font command with its group, or a single token. */
  List<Token> argument() {
    Token t = next();
    if (t.type() != Type.OPEN) {
      if (t.type() == Type.END) {
        throw new TexSyntaxException("a subscript, superscript or argument is missing", t.offset());
      }
      if (t.type() == Type.COMMAND && FONT.contains(t.text()) && peek().type() == Type.OPEN) {
        List<Token> out = new ArrayList<>();
        out.add(t);
        out.addAll(argument());
        return out;
      }
      return List.of(t);
    }
    List<Token> out = new ArrayList<>();
    int level = 1;
    while (true) {
      Token u = next();
      if (u.type() == Type.END) {
        throw new TexSyntaxException("'{' is never closed", t.offset());
      }
      if (u.type() == Type.OPEN) {
        level++;
        if (level > TexParser.MAX_DEPTH) {
          throw new TexSyntaxException("braces nested more than " + TexParser.MAX_DEPTH + " levels deep", u.offset());
        }
      } else if (u.type() == Type.CLOSE && --level == 0) {
        return out;
      }
      out.add(u);
    }
  }

  static boolean isInequality(Token t) {
    return t.isSymbol("<") || t.isSymbol(">") || t.type() == Type.COMMAND && INEQUALITIES.contains(t.text());
  }

  /**
   * A one-letter subscript followed by an argument in parentheses ({@code _g(} of {@code \sigma_g(x)}):
   * consumed, and its letter returned; otherwise nothing is consumed.
   */
  Optional<String> subscriptBeforeParenthesis() {
    if (!peek().isSymbol("_")) {
      return Optional.empty();
    }
    int saved = pos;
    next();
    String letter = TexScripts.joined(argument());
    if (letter.length() == 1 && Character.isLetter(letter.charAt(0)) && peek().isSymbol("(")) {
      return Optional.of(letter);
    }
    pos = saved;
    return Optional.empty();
  }

  /** Reads {@code sub} on its own with {@code read}, then returns to where the cursor was. */
  <T> T within(List<Token> sub, int endOffset, Supplier<T> read) {
    List<Token> savedTokens = tokens;
    int savedPos = pos;
    int savedEnd = end;
    start(sub, endOffset);
    try {
      return read.get();
    } finally {
      tokens = savedTokens;
      pos = savedPos;
      end = savedEnd;
    }
  }
}
