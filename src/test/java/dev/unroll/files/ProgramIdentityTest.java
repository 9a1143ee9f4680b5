package dev.unroll.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tests run from a folder of classes: the program is identified by its classes' bytes, the same every time. */
class ProgramIdentityTest {
  @Test
  void aFolderOfClassesIsIdentifiedByItsContentsAndTheSameTwice() {
    assertThat(ProgramIdentity.ofJar()).as("the tests do not run from a jar").isEmpty();
    String first = ProgramIdentity.ofCode();
    assertThat(first).matches("[0-9a-f]{64}").isEqualTo(ProgramIdentity.ofCode());
  }
}
