package io.fleetmigrate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetmigrate.config.FleetSchema;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each test's database is a copy of one that Flyway migrated: the same schema and histories, and its own. */
class TestDatabaseTest {
  @Test
  void aCopyHoldsWhatTheMigratedTemplateHoldsAndIsCurrentForFlyway() {
    DataSource copy = TestDatabase.migrated();

    assertThat(TestDatabase.script(copy)).isEqualTo(TestDatabase.script(TestDatabase.Template.DATABASE));
    assertThat(TestDatabase.script(copy)).anyMatch(s -> s.startsWith("CREATE MEMORY TABLE \"PUBLIC\".\"CAMPAIGN\""));
    // Flyway reads the copied histories as its own: every module current, nothing pending.
    assertThat(FleetSchema.state(copy)).allSatisfy(state -> {
      assertThat(state.current()).isEqualTo(String.valueOf(state.module().version()));
      assertThat(state.pending()).isZero();
    });
  }

  @Test
  void copiesAreApart() {
    DataSource one = TestDatabase.withCampaign("one");
    DataSource two = TestDatabase.migrated();

    assertThat(JdbcClient.create(one).sql("SELECT COUNT(*) FROM campaign").query(Integer.class).single()).isEqualTo(1);
    assertThat(JdbcClient.create(two).sql("SELECT COUNT(*) FROM campaign").query(Integer.class).single()).isZero();
    assertThat(JdbcClient.create(TestDatabase.Template.DATABASE).sql("SELECT COUNT(*) FROM campaign").query(Integer.class).single()).isZero();
  }
}
