package io.fleetmigrate.demo;

import io.fleetmigrate.campaign.CampaignException;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.config.FleetHome;
import io.fleetmigrate.inventory.InventoryFiles;
import io.fleetmigrate.inventory.InventoryFormatException;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.inventory.RepoRef;
import io.fleetmigrate.store.CampaignStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The sample fleet: small Maven projects of our own, shipped in this jar under {@code demo-fleet/},
 * each turned into a bare git repository (one commit on {@code main}) under {@code
 * DATA_DIR/demo/origins}. Creating it again first removes the demo campaign's state, so every demo
 * run starts from the same place and reports the same outcomes.
 */
@Component
public class DemoFleet {
  public static final String CAMPAIGN = "junit5-demo";

  /** A sample repository and what the demo campaign is expected to make of it. */
  public record Sample(String name, String owner, String expected, String why) {}

  public static final List<Sample> SAMPLES =
      List.of(
          new Sample("billing-service", "team-billing", "PR_OPENED", "JUnit 4 tests the recipe fully migrates"),
          new Sample("inventory-api", "team-logistics", "PR_OPENED", "rules and Hamcrest; the recipe fully migrates"),
          new Sample("legacy-reports", "team-reporting", "BASELINE_RED", "a test that has been failing all along"),
          new Sample("docs-site", "team-docs", "SKIPPED", "Markdown only, no build file"),
          new Sample("payments-gateway", "team-payments", "NO_CHANGES", "already on JUnit 5"),
          new Sample("search-indexer", "team-search", "PR_OPENED", "catches a JUnit 4 internal (ArrayComparisonFailure): our fix-up maps it"),
          new Sample("catalog-modules", "team-catalog", "PR_OPENED", "a test module-info.java that requires junit and hamcrest.core"),
          new Sample("orders-service", "team-orders", "PR_OPENED", "test base classes with @RunWith(SpringRunner / MockitoJUnitRunner)"),
          new Sample("retry-kit", "team-platform", "PR_OPENED", "main code ships JUnit 4 rules (TestRule, ExternalResource)"),
          new Sample("customer-profiles", "team-crm", "PR_OPENED", "a test helper (guava-testlib) that needs JUnit 4 at run time"),
          new Sample("shipping-rates", "team-shipping", "PR_OPENED", "an Enforcer dependencyConvergence rule"),
          new Sample("audit-log", "team-security", "NEEDS_HUMAN", "a home-made JUnit 4 runner: porting it is a design decision"));

  private static final PersonIdent AUTHOR = new PersonIdent("Sample Developer", "dev@example.com");

  private final FleetHome home;
  private final InventoryStore inventory;
  private final CampaignStore campaigns;

  public DemoFleet(FleetHome home, InventoryStore inventory, CampaignStore campaigns) {
    this.home = home;
    this.inventory = inventory;
    this.campaigns = campaigns;
  }

  public Path dir() {
    return home.dir().resolve("demo");
  }

  public Path specFile() {
    return dir().resolve(CAMPAIGN + ".yaml");
  }

  /** Removes the previous demo and builds the sample fleet afresh; returns the imported repositories. */
  public List<RepoRef> recreate() throws IOException, GitAPIException, InventoryFormatException, CampaignException {
    for (Sample sample : SAMPLES) {
      var known = inventory.find(sample.name());
      if (known.isPresent() && !known.get().tags().contains("demo")) {
        throw new CampaignException(
            "the inventory already holds a repository named '" + sample.name() + "' that is not the demo's (from "
                + known.get().source() + "); run the demo in its own data directory: fleet --data-dir DIR demo");
      }
    }
    campaigns.runs().deleteCampaign(CAMPAIGN);
    inventory.delete(SAMPLES.stream().map(Sample::name).toList());
    Checkout.deleteRecursively(dir());
    Checkout.deleteRecursively(home.dir().resolve("workspaces").resolve(CAMPAIGN));
    Checkout.deleteRecursively(home.dir().resolve("runs").resolve(CAMPAIGN));
    Checkout.deleteRecursively(home.reports(CAMPAIGN));

    Path origins = dir().resolve("origins");
    Path scratch = dir().resolve("scratch");
    Files.createDirectories(origins);
    StringBuilder yaml = new StringBuilder("# The demo's inventory, written by 'fleet demo'.\nrepositories:\n");
    for (Sample sample : SAMPLES) {
      Path work = scratch.resolve(sample.name());
      copySample(sample.name(), work);
      Path origin = origins.resolve(sample.name() + ".git");
      try (Git bare = Git.init().setBare(true).setDirectory(origin.toFile()).setInitialBranch("main").call();
          Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
        git.add().addFilepattern(".").call();
        git.commit().setMessage("Initial import of " + sample.name()).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
        git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(origin.toUri().toString())).call();
        git.push().setRemote("origin").add("main").call();
      } catch (java.net.URISyntaxException e) {
        throw new IOException(e);
      }
      yaml.append("  - name: ").append(sample.name()).append('\n')
          .append("    url: ").append(origin).append('\n')
          .append("    branch: main\n")
          .append("    owner: ").append(sample.owner()).append('\n')
          .append("    tags: [demo]\n");
    }
    Checkout.deleteRecursively(scratch);
    Path inventoryFile = dir().resolve("inventory.yaml");
    Files.writeString(inventoryFile, yaml.toString(), StandardCharsets.UTF_8);
    try (InputStream spec = getClass().getResourceAsStream("/demo/" + CAMPAIGN + ".yaml")) {
      Files.copy(java.util.Objects.requireNonNull(spec, "demo spec missing from the jar"), specFile());
    }
    List<RepoRef> repos = InventoryFiles.read(inventoryFile);
    inventory.upsert(repos);
    return repos;
  }

  /** Copies {@code demo-fleet/NAME/**} from the classpath (a folder in tests, the jar in use). */
  static void copySample(String name, Path target) throws IOException {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(DemoFleet.class.getClassLoader());
    String root = "demo-fleet/" + name + "/";
    Resource[] resources = resolver.getResources("classpath*:" + root + "**");
    int copied = 0;
    for (Resource resource : resources) {
      String url = resource.getURL().toString();
      int at = url.lastIndexOf(root);
      if (at < 0 || url.endsWith("/") || !resource.isReadable()) {
        continue;
      }
      Path file = target.resolve(url.substring(at + root.length()));
      if (!file.normalize().startsWith(target)) {
        continue;
      }
      Files.createDirectories(file.getParent());
      try (InputStream in = resource.getInputStream()) {
        Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      copied++;
    }
    if (copied == 0) {
      throw new IOException("sample project '" + name + "' not found on the classpath");
    }
  }
}
