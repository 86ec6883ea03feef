package io.fleetmigrate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeCoverageTest {
  @TempDir Path checkout;

  /** The shape of a report written by jacoco-maven-plugin's {@code report} goal, DOCTYPE included. */
  static String jacoco(String pkg, String file, int covered, int missed) {
    return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">\
        <report name="billing"><sessioninfo id="x" start="1" dump="2"/><package name="%1$s"><class name="%1$s/Other" sourcefilename="Other.java">\
        <counter type="LINE" missed="1" covered="1"/></class><sourcefile name="Other.java"><line nr="3" mi="0" ci="2" mb="0" cb="0"/>\
        <counter type="INSTRUCTION" missed="9" covered="9"/><counter type="LINE" missed="0" covered="40"/></sourcefile>\
        <sourcefile name="%2$s"><line nr="5" mi="3" ci="0" mb="0" cb="0"/><counter type="INSTRUCTION" missed="30" covered="70"/>\
        <counter type="LINE" missed="%4$d" covered="%3$d"/><counter type="METHOD" missed="1" covered="1"/></sourcefile>\
        <counter type="LINE" missed="9" covered="9"/></package><counter type="LINE" missed="9" covered="9"/></report>
        """.formatted(pkg, file, covered, missed);
  }

  private void write(String path, String text) throws Exception {
    Path file = checkout.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void theBaselinesJacocoReportGivesTheLineCoverageOfTheChangedMainFiles() throws Exception {
    write("pom.xml", "<project/>");
    write("core/pom.xml", "<project/>");
    write("core/target/site/jacoco/jacoco.xml", jacoco("com/acme/billing", "Invoice.java", 3, 17));
    write("web/target/site/jacoco-ut/jacoco.xml", jacoco("com/acme/web", "Page.java", 10, 0));

    ChangeCoverage.Baseline baseline = ChangeCoverage.read(checkout);
    assertThat(baseline.files()).extracting(ChangeCoverage.FileLines::module).containsOnly("core", "web");

    ChangeCoverage.Measure measure = ChangeCoverage.of(checkout,
        List.of("core/src/main/java/com/acme/billing/Invoice.java", "core/src/test/java/com/acme/billing/InvoiceTest.java", "pom.xml"),
        baseline);
    assertThat(measure.percent()).isEqualTo(15);
    assertThat(measure.basis()).isEqualTo("JaCoCo's baseline report covers 3 of 20 lines (15%) of the 1 changed main file it knows");

    ChangeCoverage.Measure both = ChangeCoverage.of(checkout,
        List.of("core/src/main/java/com/acme/billing/Invoice.java", "web/src/main/java/com/acme/web/Page.java"), baseline);
    assertThat(both.percent()).as("13 of 30 lines").isEqualTo(43);
  }

  @Test
  void aReportTheBuildLinkedElsewhereIsNotRead() throws Exception {
    write("pom.xml", "<project/>");
    Path outside = Files.createTempFile("outside", ".xml");
    Files.writeString(outside, jacoco("com/acme/billing", "Invoice.java", 3, 17));
    Files.createDirectories(checkout.resolve("target/site/jacoco"));
    Files.createSymbolicLink(checkout.resolve("target/site/jacoco/jacoco.xml"), outside);

    assertThat(ChangeCoverage.read(checkout).files()).as("a link is not the build's report").isEmpty();
  }

  @Test
  void aChangeToTestsAndBuildFilesOnlyTouchesNoMainCode() throws Exception {
    assertThat(ChangeCoverage.of(checkout, List.of("src/test/java/ATest.java", "pom.xml", "src/main/resources/app.properties"),
        ChangeCoverage.Baseline.NONE)).isNull();
  }

  @Test
  void withoutAJacocoReportTheShareOfChangedClassesThatTestsNameStandsIn() throws Exception {
    write("src/main/java/com/acme/Invoice.java", "class Invoice {}");
    write("src/main/java/com/acme/Ledger.java", "class Ledger {}");
    write("src/main/java/com/acme/LedgerEntry.java", "class LedgerEntry {}");
    write("src/test/java/com/acme/InvoiceTest.java", "class InvoiceTest { Invoice invoice = new Invoice(); LedgerEntryFactory f; }");
    write("target/classes/Ledger.txt", "Ledger"); // build output is no test

    ChangeCoverage.Measure measure = ChangeCoverage.of(checkout,
        List.of("src/main/java/com/acme/Invoice.java", "src/main/java/com/acme/Ledger.java", "src/main/java/com/acme/LedgerEntry.java"),
        ChangeCoverage.read(checkout));

    assertThat(measure.percent()).as("only Invoice is named as a word").isEqualTo(33);
    assertThat(measure.basis()).isEqualTo("1 of the 3 changed main classes (33%) named by any test source"
        + " (no JaCoCo report in the baseline, so this stands in for coverage)");
  }
}
