package io.fleetmigrate.config;

import io.fleetmigrate.build.BuildRunner;
import io.fleetmigrate.build.BuildSettings;
import io.fleetmigrate.build.MavenToolchain;
import io.fleetmigrate.checkout.Checkout;
import io.fleetmigrate.deliver.CodeHosts;
import io.fleetmigrate.fix.ModelProviders;
import io.fleetmigrate.inventory.InventoryStore;
import io.fleetmigrate.pipeline.RepoPipeline;
import io.fleetmigrate.rewrite.RewriteStation;
import io.fleetmigrate.store.CampaignStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application behind the CLI. It is started only by commands that need the store
 * or the job ({@code --help} and usage errors never open the database), with the data directory
 * chosen on the command line.
 */
@SpringBootApplication(scanBasePackages = "io.fleetmigrate")
public class FleetApplication {
  /**
   * Starts the application on {@code home} with its database {@code store} (the embedded H2 file
   * or a shared PostgreSQL) and {@code extra} properties (the role of this process when it scales
   * out: manager or worker, and the broker).
   */
  public static ConfigurableApplicationContext start(FleetHome home, SharedStore store, BuildSettings builds, Map<String, Object> extra) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("fleet.data-dir", home.dir().toString());
    props.put("spring.datasource.url", store.url());
    props.put("spring.datasource.username", store.user());
    props.put("spring.datasource.password", store.password());
    // A chunk's transaction holds a connection for a whole repository, and delivery opens a second
    // one of its own (REQUIRES_NEW): two per repository in flight, for up to 64 build lanes plus
    // fleet.prefetch (at most 8), and the rest.
    props.put("spring.datasource.hikari.maximum-pool-size", "160");
    // Open connections as lanes need them, not 140 up front per process: every command paid for
    // filling the pool (H2), and a shared server counts connections across all workers
    // (PostgreSQL: 100 by default).
    props.put("spring.datasource.hikari.minimum-idle", "2");
    // Never an embedded broker inside a CLI command: `fleet broker` starts one on purpose.
    props.put("spring.artemis.embedded.enabled", "false");
    // Spring Boot's Flyway is the core module's; FleetSchema migrates every module in its place (schemaMigration).
    props.put("spring.flyway.locations", String.join(",", FleetSchema.CORE.locations()));
    props.put("spring.flyway.table", FleetSchema.CORE.table());
    props.put("spring.batch.jdbc.initialize-schema", "never");
    props.put("spring.batch.job.enabled", "false");
    props.put("logging.file.name", home.logs().resolve("fleet.log").toString());
    props.put("logging.threshold.console", "OFF");
    props.put("spring.main.log-startup-info", "false");
    // A CLI command uses a few beans; creating only those saves about a second per command.
    props.put("spring.main.lazy-initialization", "true");
    props.putAll(extra);
    SpringApplication app = new SpringApplication(FleetApplication.class);
    app.setDefaultProperties(props);
    app.setBannerMode(Banner.Mode.OFF);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setRegisterShutdownHook(false);
    // The build settings the command line bound and checked: the same object, not read again.
    app.addInitializers(context -> context.getBeanFactory().registerSingleton("buildSettings", builds));
    return app.run();
  }

  /** Lazy initialization must not postpone the schema: every command reads the store. */
  @Bean
  static LazyInitializationExcludeFilter migrateEagerly() {
    return LazyInitializationExcludeFilter.forBeanTypes(FlywayMigrationInitializer.class);
  }

  /** Every module's migrations ({@link FleetSchema}), where Spring Boot would migrate only its own Flyway. */
  @Bean
  static FlywayMigrationStrategy schemaMigration() {
    return flyway -> FleetSchema.migrate(flyway.getConfiguration().getDataSource());
  }

  @Bean
  FleetHome fleetHome(@Value("${fleet.data-dir}") Path dir) {
    return new FleetHome(dir);
  }

  @Bean
  MavenToolchain mavenToolchain(BuildSettings settings) {
    return MavenToolchain.of(settings);
  }

  @Bean
  BuildRunner buildRunner(
      BuildSettings settings, MavenToolchain maven, FleetHome home) throws java.io.IOException {
    return BuildRunner.of(settings, maven, settings.outputCap(), home.dir());
  }

  @Bean
  Checkout checkout() {
    return new Checkout();
  }

  @Bean
  RewriteStation rewriteStation(MavenToolchain maven) {
    return new RewriteStation(maven);
  }

  @Bean
  InventoryStore inventoryStore(DataSource dataSource) {
    return new InventoryStore(dataSource);
  }

  @Bean
  ModelProviders modelProviders() {
    return ModelProviders.fromEnvironment();
  }

  @Bean
  RepoPipeline repoPipeline(
      FleetHome home, Checkout checkout, BuildRunner builds, RewriteStation rewrite, CodeHosts host, CampaignStore store,
      ModelProviders models, io.fleetmigrate.store.FixMemoryStore fixes) {
    return new RepoPipeline(home, checkout, builds, rewrite, host, store, models, fixes);
  }
}
