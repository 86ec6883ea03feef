package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignService.RunSummary;
import io.fleetmigrate.campaign.OutcomeStatus;
import io.fleetmigrate.campaign.RepoOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --json} is JSON Lines: one whole object per line, so a reader can follow it as it grows. */
class RunPrinterTest {
  @Test
  void jsonEventsAreOneObjectPerLine() {
    StringWriter text = new StringWriter();
    RepoOutcome outcome = new RepoOutcome(
        "billing", OutcomeStatus.PR_OPENED, "pull request #1 opened", RepoOutcome.Stage.DONE, 2, null, null, 1, null, "/logs", Duration.ofSeconds(3));
    try (RunPrinter printer = new RunPrinter(new PrintWriter(text, true), RunPrinter.Mode.JSON)) {
      printer.runResumed(7, 2, 1);
      printer.started("billing");
      printer.finished(outcome);
      printer.summary(new RunSummary(7, "junit5", "COMPLETED", List.of(outcome), Map.of(), Duration.ofSeconds(9), true));
    }

    List<String> lines = text.toString().lines().toList();
    JsonMapper json = JsonMapper.builder().build();
    assertThat(lines).hasSize(4);
    List<JsonNode> events = lines.stream().map(json::readTree).toList();
    assertThat(events).extracting(e -> e.get("event").asString())
        .containsExactly("run-resumed", "repository-started", "repository-finished", "run-finished");
    assertThat(events.get(0).get("done").asInt()).isEqualTo(1);
    assertThat(events.get(2).get("done").asInt()).as("counted on from the resumed run's done").isEqualTo(2);
    assertThat(events.get(3).get("resumed").asBoolean()).isTrue();
  }

  @Test
  void aNoticeIsALineInPlainTextAnEventInJsonAndNothingWhenQuiet() {
    String message = "Run 7 of campaign junit5 did not finish (RUNNING); the spec changed since, so it is closed as ABANDONED and a new run starts.";
    StringWriter plain = new StringWriter();
    StringWriter lines = new StringWriter();
    StringWriter quiet = new StringWriter();
    try (RunPrinter a = new RunPrinter(new PrintWriter(plain, true), RunPrinter.Mode.PLAIN);
        RunPrinter b = new RunPrinter(new PrintWriter(lines, true), RunPrinter.Mode.JSON);
        RunPrinter c = new RunPrinter(new PrintWriter(quiet, true), RunPrinter.Mode.QUIET)) {
      a.notice(message);
      b.notice(message);
      c.notice(message);
    }

    assertThat(plain.toString().lines()).containsExactly(message);
    JsonNode event = JsonMapper.builder().build().readTree(lines.toString().strip());
    assertThat(event.get("event").asString()).isEqualTo("notice");
    assertThat(event.get("message").asString()).isEqualTo(message);
    assertThat(quiet.toString()).isEmpty();
  }
}
