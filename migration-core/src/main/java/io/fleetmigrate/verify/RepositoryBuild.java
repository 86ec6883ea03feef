package io.fleetmigrate.verify;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.BuildSlots;
import io.fleetmigrate.build.BuildTool;
import io.fleetmigrate.build.ClasspathResolver;
import io.fleetmigrate.build.jdk.Jdk;
import io.fleetmigrate.build.jdk.JdkChoice;
import io.fleetmigrate.build.jdk.JdkRequirement;
import io.fleetmigrate.build.jdk.KnownJdks;
import io.fleetmigrate.campaign.CampaignSpec;
import io.fleetmigrate.inventory.RepoRef;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How one repository builds in a campaign, decided once after its checkout: its verify settings
 * (the campaign's, with the command and time limit of its {@code builds} rule), the runner of its
 * baseline and that of its verify builds (each on its JDK, with the rule's environment additions).
 *
 * <p>The baseline's JDK: the rule's {@code jdk}, else what the checkout names ({@link
 * BuildTool#jdkRequirement}), as the lowest known JDK that fits; nothing named: the JDK Fleet runs on
 * ({@link KnownJdks#choose}). The verify builds' JDK: {@code verify.jdk} (a campaign that moves to
 * 17 verifies on 17), else the baseline's.
 *
 * @param verify the verify settings of this repository
 * @param baseline runs the baseline (and the classpath resolution before it); on the running JDK
 *     when {@link #baselineRed} says no known JDK fits
 * @param verifier runs the builds after the recipe and the fix loop's
 * @param baselineRed why the baseline cannot build (no known JDK fits what it needs), or {@code null}
 * @param error why no build after the recipe could run ({@code verify.jdk} names a JDK Fleet does
 *     not know: the spec's fault, not the repository's), or {@code null}
 */
public record RepositoryBuild(
    BuildTool tool, CampaignSpec.Verify verify, BuildRunner baseline, BuildRunner verifier, @Nullable String baselineRed,
    @Nullable String error) {

  /** How a baseline that found no JDK to build on begins its reason: about the machine, not the repository. */
  public static final String NO_JDK = "no JDK to build on: ";

  /**
   * The plan for {@code repo}, checked out in {@code dir}, built with {@code tool}, in {@code spec}'s
   * campaign; {@code builds} knows the JDKs.
   */
  public static RepositoryBuild of(CampaignSpec spec, RepoRef repo, Path dir, BuildRunner builds, BuildTool tool) {
    Optional<CampaignSpec.BuildRule> rule = spec.buildRule(repo);
    BuildRunner runner = rule.map(r -> builds.withEnvironment(r.env())).orElse(builds).with(tool);
    KnownJdks known = builds.knownJdks();
    Optional<JdkRequirement> needs = rule.map(CampaignSpec.BuildRule::jdk).map(pin -> pin.requirement("the builds rule's jdk"));
    JdkChoice baselineJdk = known.choose(needs.isPresent() ? needs : tool.jdkRequirement(dir));
    CampaignSpec.JdkPin verifyPin = spec.verify().jdk();
    JdkChoice verifyJdk = verifyPin == null ? baselineJdk : known.choose(verifyPin.requirement("verify.jdk"));
    BuildRunner baseline = baselineJdk.found() ? runner.on(baselineJdk) : runner;
    BuildRunner verifier = verifyJdk.found() ? runner.on(verifyJdk) : baseline;
    return new RepositoryBuild(tool, spec.verifyFor(repo), baseline, verifier,
        baselineJdk.found() ? null : NO_JDK + baselineJdk.reason(),
        verifyPin == null || verifyJdk.found() ? null : "verify.jdk: no JDK to verify on: " + verifyJdk.reason());
  }

  /** The staged verifier of the builds after the recipe, each holding one of {@code slots} while it runs. */
  public StagedVerifier stagedVerifier(BuildSlots.@Nullable Gate slots) {
    return new StagedVerifier(verifier, verify, slots, tool);
  }

  /** The baseline's command: the verify command and the classpaths for the recipe engine. */
  public String baselineCommand() {
    return tool.baselineCommand(verify.command());
  }

  /**
   * The JDK the recipe engine parses this checkout on, in a JVM of its own, when the baseline builds
   * on a newer JDK than the one Fleet runs on: OpenRewrite parses with the javac it runs on, which
   * reads neither newer syntax nor class files compiled for a newer release. {@code null}: Fleet's
   * own JVM parses it.
   */
  public @Nullable Jdk recipeJdk() {
    JdkChoice choice = baseline.jdk();
    Jdk jdk = choice == null ? null : choice.jdk();
    return jdk != null && jdk.version() > Runtime.version().feature() ? jdk : null;
  }

  /** The build tool's classpaths without a build, resolving on the baseline's JDK, cached in {@code cacheDir}. */
  public ClasspathResolver classpaths(Path cacheDir) {
    return tool.classpaths(baseline, cacheDir);
  }
}
