package io.fleetmigrate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.campaign.CampaignSpecReader;
import org.junit.jupiter.api.Test;

/** The commit says what the pull request says: the same templates, filled in the same way. */
class PullRequestTextTest {
  @Test
  void theCommitMessageFillsInTheTemplatesLikeThePullRequest() throws Exception {
    CampaignSpec spec = CampaignSpecReader.parse("""
        name: junit5
        recipes: [a.Recipe]
        pullRequest:
          title: "Move {repo} to JUnit 5"
          body: "Campaign {campaign} for {repository}."
        """, "spec.yaml");

    String message = PullRequestText.commitMessage(spec, "acme/billing", 7, null, "openai/gpt-4.1-mini");

    assertThat(message).startsWith("Move billing to JUnit 5\n\nCampaign junit5 for acme/billing.\n\nRecipes: a.Recipe\n")
        .doesNotContain("{repo}", "{campaign}", "{repository}")
        .endsWith("\n\nFleet-Campaign: junit5\nFleet-Run: 7\n");
  }

  @Test
  void theIntentIsTheDescriptionElseTheTitle() throws Exception {
    CampaignSpec described = CampaignSpecReader.parse("name: a\ndescription: Move to JUnit 5\nrecipes: [a.Recipe]\n", "s.yaml");
    CampaignSpec titled = CampaignSpecReader.parse("name: a\nrecipes: [a.Recipe]\npullRequest: {title: Upgrade}\n", "s.yaml");

    assertThat(PullRequestText.intent(described)).isEqualTo("Move to JUnit 5");
    assertThat(PullRequestText.intent(titled)).isEqualTo("Upgrade");
  }
}
