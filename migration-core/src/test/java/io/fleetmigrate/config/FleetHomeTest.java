package io.fleetmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetHomeTest {
  @Test
  void theDefaultFollowsTheShellsHomeNotTheAccounts() {
    assertThat(FleetHome.resolve(null, Map.of("HOME", "/tmp/elsewhere")).dir()).isEqualTo(Path.of("/tmp/elsewhere/.fleet"));
    assertThat(FleetHome.resolve(null, Map.of()).dir()).isEqualTo(Path.of(System.getProperty("user.home"), ".fleet"));
  }

  @Test
  void theOptionThenTheVariableComeFirst() {
    Map<String, String> env = Map.of("HOME", "/tmp/elsewhere", "FLEET_DATA_DIR", "/srv/fleet");

    assertThat(FleetHome.resolve(Path.of("/data"), env).dir()).isEqualTo(Path.of("/data"));
    assertThat(FleetHome.resolve(null, env).dir()).isEqualTo(Path.of("/srv/fleet"));
  }
}
