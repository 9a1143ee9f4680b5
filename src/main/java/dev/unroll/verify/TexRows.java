package dev.unroll.verify;

import dev.unroll.verify.TexLexer.Token;
import dev.unroll.verify.TexLexer.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a span's tokens into statements for {@link TexParser}: rows end at {@code \\} and at
 * {@code \begin{...}}/{@code \end{...}}; a row without a top-level {@code =} continues the statement
 * before it ({@code &+ ...} in an {@code align}); a statement is split again at top-level commas
 * ({@code W_{xh}, W_{hh}, W_{hy}} is three). Also records the environments the span opens.
 */
record TexRows(List<List<Token>> statements, List<String> environments) {
  TexRows {
    statements = List.copyOf(statements);
    environments = List.copyOf(environments);
  }

  static TexRows split(List<Token> tokens) {
    List<String> environments = new ArrayList<>();
    List<List<Token>> rows = new ArrayList<>();
    List<Token> row = new ArrayList<>();
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.type() == Type.COMMAND && (t.text().equals("begin") || t.text().equals("end"))) {
        if (t.text().equals("begin")) {
          environments.add(environmentName(tokens, k));
        }
        k = skipEnvironmentArgument(tokens, k);
        if (!row.isEmpty()) {
          rows.add(row);
          row = new ArrayList<>();
        }
        continue;
      }
      if (t.type() == Type.ROW || t.type() == Type.END) {
        if (!row.isEmpty()) {
          rows.add(row);
        }
        row = new ArrayList<>();
        continue;
      }
      row.add(t);
    }
    List<List<Token>> statements = new ArrayList<>();
    List<Token> current = null;
    for (List<Token> r : rows) {
      // A row with no '=' continues the statement (&+ ...); one that starts with '=' (&= ...) continues
      // its chain of equalities, each side a claim about the chain's first left side.
      if (current != null && (!hasTopLevelEquals(r) || r.get(0).isSymbol("=") || TexCursor.isInequality(r.get(0)))) {
        current.addAll(r);
      } else {
        if (current != null) {
          statements.addAll(commaSeparated(current));
        }
        current = new ArrayList<>(r);
      }
    }
    if (current != null) {
      statements.addAll(commaSeparated(current));
    }
    return new TexRows(statements, environments);
  }

  private static String environmentName(List<Token> tokens, int k) {
    StringBuilder name = new StringBuilder();
    int j = k + 1;
    if (j < tokens.size() && tokens.get(j).type() == Type.OPEN) {
      for (j = j + 1; j < tokens.size() && tokens.get(j).type() != Type.CLOSE && tokens.get(j).type() != Type.END; j++) {
        name.append(tokens.get(j).text());
      }
    }
    return name.toString();
  }

  private static int skipEnvironmentArgument(List<Token> tokens, int k) {
    int j = k + 1;
    if (j < tokens.size() && tokens.get(j).type() == Type.OPEN) {
      while (j < tokens.size() && tokens.get(j).type() != Type.CLOSE && tokens.get(j).type() != Type.END) {
        j++;
      }
      return tokens.get(j).type() == Type.END ? j - 1 : j;
    }
    return k;
  }

  /** +1 for a token that opens a group (a brace, a parenthesis, a bracket), -1 for one that closes it. */
  private static int nesting(Token t) {
    // a set \{0, 1\} (the lexer's symbols { and }) holds its commas too
    if (t.type() == Type.OPEN || t.isSymbol("(") || t.isSymbol("[") || t.isSymbol("{")) {
      return 1;
    }
    return t.type() == Type.CLOSE || t.isSymbol(")") || t.isSymbol("]") || t.isSymbol("}") ? -1 : 0;
  }

  private static boolean hasTopLevelEquals(List<Token> row) {
    int level = 0;
    for (Token t : row) {
      if (level == 0 && t.isSymbol("=")) {
        return true;
      }
      level += nesting(t);
    }
    return false;
  }

  private static List<List<Token>> commaSeparated(List<Token> row) {
    List<List<Token>> out = new ArrayList<>();
    List<Token> part = new ArrayList<>();
    int level = 0;
    for (Token t : row) {
      level += nesting(t);
      if (level == 0 && t.isSymbol(",")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
        part = new ArrayList<>();
      } else {
        part.add(t);
      }
    }
    if (!part.isEmpty()) {
      out.add(part);
    }
    return out;
  }
}
