package dev.unroll.cell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds cell definitions: a built-in one by name ({@code rnn}) from the jar's {@code cells/} folder,
 * or any {@code .cell} file by path. Every cell may name the activations of {@code activations.cell}.
 */
public final class CellLibrary {
  /** The built-in cells, in the order a site lists them. */
  public static final List<String> BUILT_IN = List.of("rnn", "lstm", "gru");

  private final CellParser parser;

  public CellLibrary() {
    this.parser = new CellParser(builtInActivations());
  }

  public static Map<String, dev.unroll.cell.Activation> builtInActivations() {
    return CellParser.parseActivations("activations.cell", resource("activations.cell"));
  }

  /**
   * Loads a built-in cell by name or a definition file by path.
   *
   * @throws IllegalArgumentException when it is neither, with a message naming what is allowed
   * @throws CellFormatException when the file cannot be read as a cell
   */
  public CellDefinition load(String nameOrPath) {
    if (BUILT_IN.contains(nameOrPath)) {
      return parser.parse(nameOrPath + ".cell", resource(nameOrPath + ".cell"));
    }
    Path path = Path.of(nameOrPath);
    if (!Files.exists(path) && !nameOrPath.contains("/") && !nameOrPath.endsWith(".cell")) {
      throw new IllegalArgumentException("--cell must be one of " + String.join(", ", BUILT_IN)
          + " or a readable .cell file, got '" + nameOrPath + "'.");
    }
    String text = dev.unroll.files.TextFiles.read(path, "the cell file '" + nameOrPath + "'");
    return parser.parse(path.getFileName().toString(), text);
  }

  private static String resource(String name) {
    try (InputStream in = CellLibrary.class.getResourceAsStream("/cells/" + name)) {
      if (in == null) {
        throw new IllegalStateException("The jar lacks the built-in resource cells/" + name + ".");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
