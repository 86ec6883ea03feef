package io.fleetmigrate.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EditFormatTest {
  @Test
  void readsJsonEditsEvenInsideAFence() throws Exception {
    String answer = """
        Here you go:
        ```json
        {"explanation": "JUnit 5 throws AssertionFailedError",
         "edits": [{"path": "src/A.java", "search": "old()", "replace": "nu()"}]}
        ```
        """;
    FixProposal p = EditFormat.parse(answer);
    assertThat(p.explanation()).isEqualTo("JUnit 5 throws AssertionFailedError");
    assertThat(p.edits()).containsExactly(new Edit("src/A.java", "old()", "nu()"));
  }

  @Test
  void readsSearchReplaceBlocksWithTheTextBeforeThemAsExplanation() throws Exception {
    String answer = """
        The internal class is gone in JUnit 5.

        src/test/java/FooTest.java
        <<<<<<< SEARCH
        import org.junit.internal.ArrayComparisonFailure;
        =======
        import org.opentest4j.AssertionFailedError;
        >>>>>>> REPLACE

        pom.xml
        <<<<<<< SEARCH
          <a/>
        =======
          <b/>
        >>>>>>> REPLACE
        """;
    FixProposal p = EditFormat.parse(answer);
    assertThat(p.explanation()).isEqualTo("The internal class is gone in JUnit 5.");
    assertThat(p.edits()).containsExactly(
        new Edit("src/test/java/FooTest.java", "import org.junit.internal.ArrayComparisonFailure;\n", "import org.opentest4j.AssertionFailedError;\n"),
        new Edit("pom.xml", "  <a/>\n", "  <b/>\n"));
  }

  @Test
  void jsonFollowedByASentenceIsStillRead() throws Exception {
    FixProposal p = EditFormat.parse("{\"explanation\": \"e\", \"edits\": []}\n\nHope this helps!");
    assertThat(p.edits()).isEmpty();
    assertThat(p.explanation()).isEqualTo("e");
  }

  @Test
  void aCodeFenceBetweenThePathAndTheBlockIsAllowed() throws Exception {
    String answer = "src/A.java\n```java\n<<<<<<< SEARCH\nold();\n=======\nnu();\n>>>>>>> REPLACE\n```\n";
    assertThat(EditFormat.parse(answer).edits()).containsExactly(new Edit("src/A.java", "old();\n", "nu();\n"));
  }

  @Test
  void garbageIsAMalformedAnswerThatQuotesIt() {
    assertThatThrownBy(() -> EditFormat.parse("I think you should upgrade JUnit."))
        .isInstanceOf(ModelException.MalformedAnswer.class)
        .hasMessageContaining("'I think you should upgrade JUnit.'");
    assertThatThrownBy(() -> EditFormat.parse("{\"edits\": [{\"path\": \"a\"}]}"))
        .isInstanceOf(ModelException.MalformedAnswer.class)
        .hasMessageContaining("edits[0] needs string fields");
    assertThatThrownBy(() -> EditFormat.parse("{\"edits\": [")).isInstanceOf(ModelException.MalformedAnswer.class);
  }
}
