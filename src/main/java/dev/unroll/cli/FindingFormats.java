package dev.unroll.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unroll.verify.Finding;
import dev.unroll.verify.Report;
import dev.unroll.verify.Severity;
import java.util.List;

/**
 * {@code verify}'s findings where authors already look: SARIF 2.1.0, which GitHub code scanning and
 * editors show on the lines of a repository, and GitHub Actions' workflow commands, which a CI step
 * turns into annotations.
 */
final class FindingFormats {
  static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private FindingFormats() {}

  /** Rule ids, one per kind of finding, as SARIF wants every result to name one. */
  static String ruleId(Severity s) {
    return switch (s) {
      case ERROR -> "wrong-claim";
      case WARNING -> "not-judged";
      case NOTE -> "note";
    };
  }

  static String sarif(List<Report> reports, String version) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("$schema", SARIF_SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "unroll verify");
    driver.put("semanticVersion", version);
    ArrayNode rules = driver.putArray("rules");
    rule(rules, Severity.ERROR, "A mathematical claim that does not hold.");
    rule(rules, Severity.WARNING, "A claim or notation verify could not read or judge.");
    rule(rules, Severity.NOTE, "A remark on a claim that holds, or on its notation.");
    ArrayNode results = run.putArray("results");
    for (Report r : reports) {
      for (Finding f : r.findings()) {
        ObjectNode result = results.addObject();
        result.put("ruleId", ruleId(f.severity()));
        result.put("ruleIndex", f.severity().ordinal());
        result.put("level", level(f.severity()));
        result.putObject("message").put("text", f.message() + f.correction().map(c -> " Right: " + c).orElse(""));
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(r.file()));
        ObjectNode region = physical.putObject("region");
        region.put("startLine", Math.max(1, f.line()));
        region.put("startColumn", Math.max(1, f.column()));
      }
    }
    try {
      return mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The findings could not be written as SARIF.", e);
    }
  }

  private static void rule(ArrayNode rules, Severity s, String text) {
    ObjectNode rule = rules.addObject();
    rule.put("id", ruleId(s));
    rule.putObject("shortDescription").put("text", text);
    rule.putObject("defaultConfiguration").put("level", level(s));
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "note";
    };
  }

  /** A relative path as a URI reference: forward slashes, and the characters a URI cannot hold escaped. */
  static String uri(String file) {
    String path = file.replace('\\', '/');
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  /** GitHub Actions workflow commands, one a finding: {@code ::error file=F,line=L,col=C::message}. */
  static String github(Report r) {
    StringBuilder out = new StringBuilder();
    for (Finding f : r.findings()) {
      String command = switch (f.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case NOTE -> "notice";
      };
      out.append("::").append(command).append(" file=").append(property(r.file())).append(",line=")
          .append(Math.max(1, f.line())).append(",col=").append(Math.max(1, f.column())).append(",title=")
          .append(property("unroll verify: " + ruleId(f.severity()))).append("::")
          .append(data(f.message() + f.correction().map(c -> " Right: " + c).orElse(""))).append('\n');
    }
    return out.toString();
  }

  /** A workflow command's message: %, CR and LF escaped. */
  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A workflow command's property value: also ':' and ','. */
  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
