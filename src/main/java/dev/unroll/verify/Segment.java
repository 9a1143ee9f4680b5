package dev.unroll.verify;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stretch of a file's text that is read as one document (a whole Markdown or LaTeX file, or one
 * Markdown cell of a notebook), with a map from its own lines to the file's.
 *
 * <p>For a plain file the map is the identity. For a notebook, line i of a cell maps to the line of
 * the {@code .ipynb} file that holds the JSON string of that source line (nbformat writes one source
 * line per JSON line); the column is the column within the cell's source line, not within the JSON
 * string, since escapes such as {@code \\} double the characters in the file.
 */
public final class Segment {
  private final String text;
  private final int[] lineStarts;
  private final int[] fileLines;
  private final int cell;

  /**
   * @param fileLines the file line of each of the segment's lines; shorter than the segment's line
   *     count means the remaining lines continue from the last one given
   */
  public Segment(String text, int[] fileLines) {
    this(text, fileLines, 0);
  }

  /** A notebook's Markdown cell, {@code cell} its number among all the notebook's cells from 1 (0: not a cell). */
  public Segment(String text, int[] fileLines, int cell) {
    this.cell = cell;
    this.text = Objects.requireNonNull(text, "text");
    this.fileLines = fileLines.clone();
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    lineStarts = new int[count];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lineStarts[line++] = i + 1;
      }
    }
  }

  /** A whole file: its lines are the file's lines. */
  public static Segment whole(String text) {
    return new Segment(text, new int[] {1});
  }

  /** The cell's number in its notebook, counting from 1; 0 for a whole file. */
  public int cell() {
    return cell;
  }

  /**
   * "cell 3, line 2" for a file position inside this notebook cell (its line within the cell's
   * source), empty for a whole file or a position outside the cell.
   */
  public java.util.Optional<String> place(Position p) {
    if (cell == 0) {
      return java.util.Optional.empty();
    }
    for (int i = 0; i < lineStarts.length; i++) {
      int fileLine = i < fileLines.length ? fileLines[i] : fileLines[fileLines.length - 1] + (i - fileLines.length + 1);
      if (fileLine == p.line()) {
        return java.util.Optional.of("cell " + cell + ", line " + (i + 1));
      }
    }
    return java.util.Optional.empty();
  }

  public String text() {
    return text;
  }

  /** The file position of a character offset into {@link #text()}. */
  public Position position(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int i = Arrays.binarySearch(lineStarts, clamped);
    int localLine = i >= 0 ? i : -i - 2;
    int column = clamped - lineStarts[localLine] + 1;
    int fileLine;
    if (localLine < fileLines.length) {
      fileLine = fileLines[localLine];
    } else {
      fileLine = fileLines[fileLines.length - 1] + (localLine - fileLines.length + 1);
    }
    return new Position(fileLine, column);
  }
}
