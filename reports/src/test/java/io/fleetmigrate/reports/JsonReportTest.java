package io.fleetmigrate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportTest {
  @Test
  void carriesTheCsvFieldsForEveryRepository() {
    StringWriter out = new StringWriter();

    JsonReport.write(ReportFixtures.sample(), out);

    JsonNode json = JsonMapper.builder().build().readTree(out.toString());
    assertThat(json.get("campaign").asString()).isEqualTo("junit5");
    assertThat(json.get("runId").asLong()).isEqualTo(7);
    assertThat(json.get("repositories").size()).isEqualTo(4);
    JsonNode billing = json.get("repositories").get(0);
    assertThat(billing.get("repository").asString()).isEqualTo("billing");
    assertThat(billing.get("pullRequestState").asString()).isEqualTo("OPEN");
    assertThat(billing.get("durationSeconds").asDouble()).isEqualTo(15.4);
    assertThat(billing.get("recipeFilesChanged").asInt()).isEqualTo(2);
  }

  @Test
  void carriesTheMergeFiguresAndTheRollout() {
    StringWriter out = new StringWriter();

    JsonReport.write(ReportFixtures.withRollout(), out);

    JsonNode json = JsonMapper.builder().build().readTree(out.toString());
    assertThat(json.get("pullRequests").get("mergeRatePercent").asInt()).isEqualTo(33);
    assertThat(json.get("pullRequests").get("medianSecondsToMerge").asLong()).isEqualTo(30 * 3600);
    assertThat(json.get("rollout").asString()).startsWith("wave 1 of 3");
    JsonNode ledger = json.get("repositories").get(2);
    assertThat(ledger.get("repository").asString()).isEqualTo("ledger");
    assertThat(ledger.get("wave").asInt()).isEqualTo(1);
    assertThat(ledger.get("timeToMergeHours").asDouble()).isEqualTo(30.0);
  }
}
