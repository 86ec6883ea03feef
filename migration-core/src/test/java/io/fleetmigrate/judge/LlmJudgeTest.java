package io.fleetmigrate.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.fix.ChatFixModel;
import io.fleetmigrate.testing.ScriptedChatModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmJudgeTest {
  private static final String RECIPE = "-import org.junit.Test;\n+import org.junit.jupiter.api.Test;\n";
  private static final String MODEL = "-import org.junit.internal.ArrayComparisonFailure;\n+import org.opentest4j.AssertionFailedError;\n";

  private static JudgeVerdict judge(ScriptedChatModel chat) {
    return new LlmJudge(new ChatFixModel(chat, null, 512)).judge("Move tests to JUnit 5", RECIPE, MODEL);
  }

  @Test
  void approvalCarriesTheReasonAndTheTokens() {
    ScriptedChatModel chat = new ScriptedChatModel(List.of(
        new ScriptedChatModel.Reply("{\"approve\": true, \"reason\": \"Maps the JUnit 4 internal to its JUnit 5 counterpart.\"}", 700, 30)));

    JudgeVerdict verdict = judge(chat);

    assertThat(verdict).isEqualTo(new JudgeVerdict(true, "Maps the JUnit 4 internal to its JUnit 5 counterpart.", 700, 30));
    assertThat(chat.prompt(0)).contains("Move tests to JUnit 5", RECIPE, MODEL);
  }

  @Test
  void aVetoIsAVetoWithItsReason() {
    JudgeVerdict verdict = judge(ScriptedChatModel.answering("```json\n{\"approve\": false, \"reason\": \"The catch now swallows every failure.\"}\n```"));
    assertThat(verdict.approved()).isFalse();
    assertThat(verdict.reason()).isEqualTo("The catch now swallows every failure.");
  }

  @Test
  void anUnreadableAnswerOrAFailedCallIsAVeto() {
    assertThat(judge(ScriptedChatModel.answering("Looks good to me!")))
        .isEqualTo(new JudgeVerdict(false, "the judge's answer could not be read", 1000, 200));
    JudgeVerdict failed = judge(new ScriptedChatModel(List.of(ScriptedChatModel.Reply.failure("overloaded"))));
    assertThat(failed.approved()).isFalse();
    assertThat(failed.reason()).startsWith("the judge could not be asked");
  }
}
