package dev.unroll.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What identifies the running program's code, for whatever is kept between runs and must only be
 * read back by the program that wrote it (a cross-check's outcome, a site's lesson files): a change
 * to any class, template or asset is another program.
 */
public final class ProgramIdentity {
  private ProgramIdentity() {}

  /**
   * The jar the program's classes come from: a hash of the name, CRC-32 and size of every entry (read
   * from the jar's directory, without unpacking anything); empty when they do not come from a jar.
   */
  public static Optional<String> ofJar() {
    Optional<Path> code = codeSource();
    if (code.isEmpty() || !Files.isRegularFile(code.get())) {
      return Optional.empty();
    }
    try (ZipFile jar = new ZipFile(code.get().toFile())) {
      List<String> lines = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        lines.add(entry.getName() + " " + entry.getCrc() + " " + entry.getSize());
      }
      lines.sort(null);
      return Optional.of(Sha256.hex(String.join("\n", lines) + "\n"));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * The program's code, from its jar ({@link #ofJar}) or, when it runs from a folder of classes (the
   * tests), a hash of the path and bytes of every file in that folder. When neither can be read, an
   * identity of this run alone, so that nothing kept is ever read back by another program.
   */
  public static String ofCode() {
    Optional<String> jar = ofJar();
    if (jar.isPresent()) {
      return jar.get();
    }
    Optional<Path> code = codeSource();
    if (code.isPresent() && Files.isDirectory(code.get())) {
      try (Stream<Path> walk = Files.walk(code.get())) {
        MessageDigest sha = Sha256.digest();
        for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
          sha.update(code.get().relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
          sha.update((byte) 0);
          try (InputStream in = Files.newInputStream(file)) {
            sha.update(in.readAllBytes());
          }
          sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
      } catch (IOException | UncheckedIOException | SecurityException e) {
        // an identity of this run alone, below
      }
    }
    return "this run only " + UUID.randomUUID();
  }

  private static Optional<Path> codeSource() {
    try {
      return Optional.of(Path.of(ProgramIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
