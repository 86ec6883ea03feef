package io.fleetmigrate.build.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A POM read as a tree of elements that remember their line, so that a requirement can say where
 * it is written. No DTDs or external entities. A file that is not XML reads as empty: Maven cannot
 * read it either, and the build will say so.
 */
record PomXml(String name, String text, int line, List<PomXml> children) {

  static Optional<PomXml> read(Path file) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader reader = factory.createXMLStreamReader(in);
      try {
        while (reader.hasNext()) {
          if (reader.next() == XMLStreamConstants.START_ELEMENT) {
            return Optional.of(element(reader));
          }
        }
        return Optional.empty();
      } finally {
        reader.close();
      }
    } catch (IOException | XMLStreamException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The element the reader stands on, read to its end. */
  private static PomXml element(XMLStreamReader reader) throws XMLStreamException {
    String name = reader.getLocalName();
    int line = reader.getLocation().getLineNumber();
    StringBuilder text = new StringBuilder();
    List<PomXml> children = new ArrayList<>();
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        children.add(element(reader));
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        text.append(reader.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        break;
      }
    }
    return new PomXml(name, text.toString().strip(), line, List.copyOf(children));
  }

  /** The first child named {@code name}, or {@code null}. */
  @Nullable PomXml child(String name) {
    return children.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
  }

  /** The elements at {@code path} below this one ({@code build/plugins/plugin}). */
  List<PomXml> all(String path) {
    List<PomXml> level = List.of(this);
    for (String step : path.split("/")) {
      level = level.stream().flatMap(e -> e.children.stream()).filter(c -> c.name.equals(step)).toList();
    }
    return level;
  }

  /** The text of the child {@code name}, or {@code null}. */
  @Nullable String text(String name) {
    PomXml child = child(name);
    return child == null ? null : child.text;
  }
}
