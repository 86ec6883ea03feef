package io.fleetmigrate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only tools stay inside the checkout, refuse the way out with nothing read, and cap what they answer. */
class FixToolsTest {
  @TempDir Path tmp;
  private Path repo;
  private Path secret;
  private final List<Edit> edits = new ArrayList<>();
  private FixTools tools;

  @BeforeEach
  void checkout() throws Exception {
    repo = Files.createDirectories(tmp.resolve("repo"));
    secret = Files.writeString(tmp.resolve("token.txt"), "ghp_SECRET_TOKEN\n");
    Files.writeString(repo.resolve("pom.xml"), "<project>\n  <artifactId>demo</artifactId>\n</project>\n");
    Files.createDirectories(repo.resolve("src/main/java/demo"));
    Files.writeString(repo.resolve("src/main/java/demo/App.java"), "package demo;\n\npublic class App {}\n");
    Files.createDirectories(repo.resolve(".git"));
    Files.writeString(repo.resolve(".git/config"), "[remote \"origin\"]\n  url = https://x-access-token:ghp_SECRET_TOKEN@github.com/a/b\n");
    Files.createSymbolicLink(repo.resolve("link.txt"), secret);
    Files.createSymbolicLink(repo.resolve("outside"), tmp);
    tools = new FixTools(repo, new FixTools.Actions() {
      @Override
      public String edit(Edit edit) {
        edits.add(edit);
        return "applied";
      }

      @Override
      public String verify() {
        return "green";
      }
    });
  }

  private String call(String name, String arguments) throws Exception {
    return tools.execute(ToolExecutionRequest.builder().id("1").name(name).arguments(arguments).build());
  }

  @Test
  void readsNumberedLinesOfAFileInTheCheckout() throws Exception {
    assertThat(call("read_file", "{\"path\": \"pom.xml\"}")).isEqualTo("    1  <project>\n    2    <artifactId>demo</artifactId>\n    3  </project>\n");
    assertThat(call("read_file", "{\"path\": \"pom.xml\", \"fromLine\": 2, \"toLine\": 2}")).isEqualTo("    2    <artifactId>demo</artifactId>\n");
  }

  @Test
  void theWayOutIsRefusedAndNothingIsRead() throws Exception {
    List<String> answers = List.of(
        call("read_file", "{\"path\": \"../token.txt\"}"),
        call("read_file", "{\"path\": \"src/../../token.txt\"}"),
        call("read_file", "{\"path\": \"" + secret + "\"}"),
        call("read_file", "{\"path\": \".git/config\"}"),
        call("read_file", "{\"path\": \"link.txt\"}"),
        call("read_file", "{\"path\": \"outside/token.txt\"}"),
        call("list_files", "{\"dir\": \"..\"}"),
        call("list_files", "{\"dir\": \".git\"}"),
        call("list_files", "{\"dir\": \"outside\"}"));
    assertThat(answers).allSatisfy(a -> assertThat(a).startsWith("refused: ").doesNotContain("SECRET"));
    assertThat(answers.get(0)).isEqualTo("refused: '../token.txt' is outside the repository");
    assertThat(answers.get(3)).isEqualTo("refused: '.git/config' is inside .git");
    assertThat(answers.get(4)).isEqualTo("refused: 'link.txt' goes through a symbolic link");
  }

  @Test
  void listingAndSearchingSkipGitAndLinks() throws Exception {
    assertThat(call("list_files", "{}")).isEqualTo("pom.xml\nsrc/main/java/demo/App.java\n");
    assertThat(call("list_files", "{\"dir\": \"src\", \"glob\": \"*.java\"}")).isEqualTo("src/main/java/demo/App.java\n");
    assertThat(call("search", "{\"regex\": \"SECRET|artifactId\"}")).isEqualTo("pom.xml:2: <artifactId>demo</artifactId>\n");
    assertThat(call("search", "{\"regex\": \"class \\\\w+\", \"glob\": \"**/*.java\"}")).isEqualTo("src/main/java/demo/App.java:3: public class App {}\n");
    assertThat(call("search", "{\"regex\": \"(unclosed\"}")).startsWith("error: not a regular expression");
  }

  @Test
  void answersAreCapped() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      big.append("line ").append(i).append(" of a generated file that a model should not read whole\n");
    }
    Files.writeString(repo.resolve("big.txt"), big);
    String read = call("read_file", "{\"path\": \"big.txt\"}");
    assertThat(read.lines().filter(l -> l.contains("of a generated file"))).hasSizeLessThanOrEqualTo(FixTools.MAX_READ_LINES);
    assertThat(read.length()).isLessThanOrEqualTo(FixTools.MAX_OUTPUT + 100);
    assertThat(read).contains("ask for");
    String found = call("search", "{\"regex\": \"generated\"}");
    assertThat(found.lines().filter(l -> l.startsWith("big.txt:"))).hasSize(FixTools.MAX_MATCHES);
    assertThat(found).contains("more matches not shown");
  }

  @Test
  void editAndVerifyGoToTheLoopAndBadCallsAreAnswered() throws Exception {
    assertThat(call("edit", "{\"path\": \"pom.xml\", \"search\": \"demo\", \"replace\": \"demo2\"}")).isEqualTo("applied");
    assertThat(edits).containsExactly(new Edit("pom.xml", "demo", "demo2"));
    assertThat(call("verify", "{}")).isEqualTo("green");
    assertThat(call("edit", "{\"path\": \"pom.xml\"}")).startsWith("error: edit needs");
    assertThat(call("delete_file", "{\"path\": \"pom.xml\"}")).startsWith("error: there is no tool 'delete_file'");
    assertThat(call("read_file", "not json")).startsWith("error: the arguments are not a JSON object");
    assertThat(tools.calls()).containsExactly("edit", "verify", "edit", "delete_file", "read_file");
  }
}
