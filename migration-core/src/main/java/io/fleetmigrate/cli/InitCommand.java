package io.fleetmigrate.cli;

import io.fleetmigrate.campaign.CampaignSpecReader;
import io.fleetmigrate.campaign.SpecException;
import io.fleetmigrate.recipes.RecipeCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleet init}: writes a commented campaign spec for one recipe, and says what to run next. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    header = "Write a commented campaign spec for a recipe, and print the next three commands.",
    description = {
      "The spec names the recipe with its options from 'recipes describe' (required ones filled with the recipe's"
          + " example, the others commented out), and every other section commented with its default. It never"
          + " overwrites a file.",
      "Example: fleet init junit5 --recipe io.fleetmigrate.campaigns.JUnit4to5 --from inventory.csv"
    })
public class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The campaign's name (lower-case letters, digits, '.', '_', '-'); the spec is NAME.yaml.")
  String name;

  @Option(names = "--recipe", paramLabel = "RECIPE", required = true,
      description = "The recipe to run, e.g. io.fleetmigrate.campaigns.JUnit4to5 ('fleet recipes list --search WORD' finds one).")
  String recipe;

  @Option(names = "--from", paramLabel = "INVENTORY", description = "The inventory file or folder the next commands import.")
  @Nullable Path from;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the spec (default: NAME.yaml here).")
  @Nullable Path out;

  @Override
  public Integer call() throws Exception {
    Path target = out != null ? out : Path.of(name + ".yaml");
    if (Files.exists(target)) {
      throw new SpecException(target + ": already exists; nothing was written (choose another NAME or --out)");
    }
    RecipeCatalog.Description recipe = RecipeCatalog.scan().describe(this.recipe);
    String yaml = specYaml(name, recipe);
    CampaignSpecReader.parse(yaml, target.toString()); // what is written reads back, name included
    try {
      Files.writeString(target, yaml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw new SpecException(target + ": already exists; nothing was written (choose another NAME or --out)", e);
    } catch (IOException e) {
      throw new UnwritableException("cannot write " + target + " (" + e.getMessage() + "); choose another place with --out", e);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf("Wrote %s: campaign '%s' running %s.%n%n", target, name, recipe.name());
    w.println("Next:");
    w.printf("  fleet inventory import %s%n", from != null ? from : "FILE|FOLDER");
    w.printf("  fleet doctor --spec %s%n", target);
    w.printf("  fleet campaign run %s --dry-run --limit 1%n", target);
    w.println();
    w.println("The dry run changes one repository and delivers nothing; its diff is under DATA_DIR/runs/. Then run it on the fleet.");
    w.flush();
    return ExitCode.OK.code();
  }

  /** The commented spec: the recipe with its options, the other sections as comments with their defaults. */
  static String specYaml(String name, RecipeCatalog.Description recipe) {
    StringBuilder y = new StringBuilder();
    y.append("# Campaign spec written by 'fleet init'. Every field: docs/spec-reference.md\n");
    y.append("name: ").append(name).append('\n');
    y.append("description: ").append(quote(recipe.displayName())).append('\n');
    y.append("""
        # Which repositories of the inventory; all of them when left out.
        # repositories:
        #   include: ["payments-*"]
        #   exclude: ["*-legacy"]
        #   owners: [team-pay]
        #   tags: [java]
        recipes:
        """);
    y.append("  - name: ").append(recipe.name()).append('\n');
    if (!recipe.options().isEmpty()) {
      y.append("    options:\n");
      boolean any = false;
      for (RecipeCatalog.Option o : recipe.options()) {
        y.append("      # ").append(o.description().isEmpty() ? o.name() : o.description())
            .append(" (").append(o.type()).append(o.required() ? ", required" : ", optional").append(")\n");
        String value = o.example() != null ? o.example() : o.valid().isEmpty() ? null : o.valid().get(0);
        if (o.required()) {
          y.append("      ").append(o.name()).append(": ").append(value == null ? quote("FILL ME IN") : scalar(o.type(), value)).append('\n');
          any = true;
        } else {
          y.append("      # ").append(o.name()).append(": ").append(value == null ? "" : scalar(o.type(), value)).append('\n');
        }
      }
      if (!any) {
        y.append("      {}\n");
      }
    }
    y.append("""
        # The repository's own build decides green; these are the defaults.
        # verify:
        #   command: mvn -B verify
        #   timeout: 20m
        # A model to fix what the recipe leaves red (none by default: such repositories end NEEDS_HUMAN).
        # fix:
        #   provider: openai          # or anthropic; an OpenAI-compatible server is openai with baseUrl
        #   model: gpt-4.1
        #   apiKeyEnv: OPENAI_API_KEY  # the key itself never goes in the spec
        # pullRequest:
        #   draft: true
        #   labels: [fleet-migrate]
        # rollout:
        #   concurrency: 2
        """);
    return y.toString();
  }

  private static String scalar(String type, String value) {
    String t = type.toLowerCase(java.util.Locale.ROOT);
    if ((t.equals("boolean") && value.matches("true|false")) || ((t.equals("int") || t.equals("integer") || t.equals("long"))
        && value.matches("-?\\d+"))) {
      return value;
    }
    return quote(value);
  }

  /** A double-quoted YAML scalar (JSON's string syntax, which YAML reads as is). */
  private static String quote(String text) {
    return Json.LINES.writeValueAsString(text);
  }
}
