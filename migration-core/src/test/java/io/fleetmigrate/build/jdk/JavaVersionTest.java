package io.fleetmigrate.build.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaVersionTest {
  @ParameterizedTest
  @CsvSource({"17.0.13, 17", "1.8.0_402, 8", "1.8, 8", "8, 8", "1.6, 6", "21, 21", "25.0.3+9, 25", "21-ea, 21", "17.x, 17",
      "10.0.2, 10", "'', -1", "system, -1", "latest, -1", "${java.version}, -1"})
  void theFeatureVersionOfWhatJdksAndBuildsWrite(String text, int feature) {
    assertThat(JavaVersion.feature(text)).isEqualTo(feature < 0 ? OptionalInt.empty() : OptionalInt.of(feature));
  }

  @ParameterizedTest
  @CsvSource({"17.0.2-tem, 17", "temurin-17.0.2, 17", "openjdk64-11.0.2, 11", "corretto-21, 21", "adoptopenjdk-8.0.292+10, 8",
      "1.8, 8", "system, -1"})
  void theFeatureVersionInAToolsJdkName(String name, int feature) {
    assertThat(JavaVersion.featureOfName(name)).isEqualTo(feature < 0 ? OptionalInt.empty() : OptionalInt.of(feature));
  }
}
