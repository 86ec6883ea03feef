package io.fleetmigrate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same failure in two repositories has one signature; a remembered edit moves to the file the same diagnostic names here. */
class DiagnosticSignatureTest {
  @Test
  void namesLineNumbersAndPathsAreAbstractedTheMissingApiIsKept() {
    assertThat(DiagnosticSignature.normalise("cannot find symbol symbol: class ArrayComparisonFailure location: class com.example.search.TokenizerTest"))
        .isEqualTo(DiagnosticSignature.normalise("cannot find symbol symbol: class ArrayComparisonFailure location: class org.acme.billing.InvoiceTest"))
        .isEqualTo("cannot find symbol symbol: class ArrayComparisonFailure location: class <name>");
    assertThat(DiagnosticSignature.normalise("package org.junit.internal does not exist"))
        .isEqualTo("package org.junit.internal does not exist");
    assertThat(DiagnosticSignature.normalise("expected: <3> but was: <2> in 'halfUp' at src/test/java/a/PriceTest.java:12"))
        .isEqualTo("expected: <<n>> but was: <<n>> in '…' at <path>");
    assertThat(DiagnosticSignature.normalise("package org.junit.internal does not exist"))
        .isNotEqualTo(DiagnosticSignature.normalise("package org.junit.rules does not exist"));
  }

  @Test
  void aRememberedEditMovesToTheFileTheSameDiagnosticNamesHereAndOtherPathsStay() {
    DiagnosticSignature learnt = new DiagnosticSignature("compile", List.of("COMPILE package org.junit.internal does not exist"),
        List.of("src/test/java/com/example/search/TokenizerTest.java"));
    DiagnosticSignature here = new DiagnosticSignature("compile", List.of("COMPILE package org.junit.internal does not exist"),
        Arrays.asList("src/test/java/org/acme/billing/InvoiceTest.java"));
    assertThat(here.key()).isEqualTo(learnt.key());

    List<Edit> moved = here.moved(List.of(
        new Edit("src/test/java/com/example/search/TokenizerTest.java", "import org.junit.internal.ArrayComparisonFailure;", "x"),
        new Edit("pom.xml", "<artifactId>junit</artifactId>", "y")), learnt.files());

    assertThat(moved).extracting(Edit::path).containsExactly("src/test/java/org/acme/billing/InvoiceTest.java", "pom.xml");
    assertThat(new DiagnosticSignature("test", here.lines(), here.files()).key()).isNotEqualTo(here.key());
  }
}
