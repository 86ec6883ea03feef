package io.fleetmigrate.deliver.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetmigrate.inventory.GitLabSource;
import io.fleetmigrate.testing.GitLabStub;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code inventory import gitlab}'s listing against the GitLab stub: paging, subgroups, topic, archived projects and forks. */
class GitLabProjectsTest {
  private static final String TOKEN = "glpat-projects-test";
  private GitLabStub gitlab;
  private GitLabApi api;

  @BeforeEach
  void setUp() throws Exception {
    gitlab = new GitLabStub(TOKEN, "fleet-bot", (p, b) -> null);
    api = GitLabApiTest.client(gitlab, TOKEN);
  }

  @AfterEach
  void tearDown() {
    gitlab.close();
  }

  private List<String> names(GitLabSource source) throws Exception {
    return GitLabProjects.list(api, source).stream().map(i -> i.repo().name()).toList();
  }

  @Test
  void everyPageIsReadAndEachProjectKeepsItsPathUrlBranchAndTopics() throws Exception {
    for (int i = 0; i < 150; i++) {
      gitlab.project("acme/p" + i, "https://gitlab.example.com/acme/p" + i + ".git");
    }
    gitlab.project("acme/x", "https://gitlab.example.com/acme/x.git").topics.add("java");

    List<GitLabProjects.Imported> all = GitLabProjects.list(api, new GitLabSource("acme", gitlab.apiUrl(), false, null, false, false));

    assertThat(all).hasSize(151);
    assertThat(gitlab.requests("GET", "/groups/acme/projects")).extracting(r -> r.query().get("page")).containsExactly("1", "2");
    GitLabProjects.Imported x = all.get(150);
    assertThat(x.repo().name()).isEqualTo("acme/x");
    assertThat(x.repo().cloneUrl()).isEqualTo("https://gitlab.example.com/acme/x.git");
    assertThat(x.repo().defaultBranch()).isEqualTo("main");
    assertThat(x.repo().tags()).containsExactly("java");
    assertThat(x.repo().source()).isEqualTo("gitlab:group/acme?api=" + java.net.URLEncoder.encode(gitlab.apiUrl(), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(x.facts().visibility()).isEqualTo("private");
  }

  @Test
  void subgroupsTopicArchivedAndForksAreFilteredAsAsked() throws Exception {
    gitlab.project("acme/top", "https://gitlab.example.com/acme/top.git").topics.add("java");
    gitlab.project("acme/platform/deep", "https://gitlab.example.com/acme/platform/deep.git").topics.add("java");
    gitlab.project("acme/old", "https://gitlab.example.com/acme/old.git").archived = true;
    gitlab.project("acme/copy", "https://gitlab.example.com/acme/copy.git").fork = true;

    assertThat(names(new GitLabSource("acme", gitlab.apiUrl(), false, null, false, false))).containsExactly("acme/top");
    assertThat(names(new GitLabSource("acme", gitlab.apiUrl(), true, null, false, false))).containsExactly("acme/top", "acme/platform/deep");
    assertThat(names(new GitLabSource("acme", gitlab.apiUrl(), true, "java", false, false))).containsExactly("acme/top", "acme/platform/deep");
    assertThat(names(new GitLabSource("acme", gitlab.apiUrl(), false, null, true, true))).containsExactly("acme/top", "acme/old", "acme/copy");
    assertThat(gitlab.requests).noneMatch(r -> r.status() == 400);
  }

  @Test
  void theSourceStringNamesTheImportAndParsesBack() {
    GitLabSource source = new GitLabSource("acme/platform", "https://gitlab.example.com/api/v4", true, "java ee", true, false);
    assertThat(GitLabSource.parse(source.source())).isEqualTo(source);
    assertThat(GitLabSource.parse(new GitLabSource("acme", "https://gitlab.com/api/v4", false, null, false, true).source()))
        .isEqualTo(new GitLabSource("acme", "https://gitlab.com/api/v4", false, null, false, true));
    assertThat(GitLabSource.parse("github:org/acme?api=x")).isNull();
  }

  @Test
  void anUnknownGroupIsA404ThatNamesIt() {
    assertThatThrownBy(() -> names(new GitLabSource("nobody", gitlab.apiUrl(), false, null, false, false)))
        .isInstanceOf(GitLabApi.Failure.class)
        .hasMessageContaining("GET /groups/nobody/projects answered 404");
    assertThatThrownBy(() -> new GitLabSource("acme/../x", gitlab.apiUrl(), false, null, false, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
