package io.fleetmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/fleet} starts the extracted application by its main class (class-data sharing needs
 * a class path, not {@code -jar}): it must name the class the executable jar starts.
 */
class FleetScriptTest {
  @Test
  void theScriptStartsTheMainClassThePomNames() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    String script = Files.readString(Path.of("..", "scripts", "fleet"));

    Matcher inPom = Pattern.compile("<mainClass>([\\w.]+)</mainClass>").matcher(pom);
    Matcher inScript = Pattern.compile("(?m)^main_class=([\\w.]+)").matcher(script);
    assertThat(inPom.find()).as("migration-core/pom.xml names a mainClass").isTrue();
    assertThat(inScript.find()).as("scripts/fleet sets main_class").isTrue();
    assertThat(inScript.group(1)).isEqualTo(inPom.group(1));
    assertThat(FleetMain.class.getName()).isEqualTo(inPom.group(1));
  }
}
