package io.fleetmigrate.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import io.fleetmigrate.inventory.yaml.LocatedYaml;
import org.jspecify.annotations.Nullable;

/**
 * Reads an inventory from a CSV or YAML file. Both formats carry the same fields; see README
 * ("Inventory files").
 */
public final class InventoryFiles {
  /** CSV columns, in the order {@code inventory export} would write them. */
  public static final List<String> CSV_COLUMNS =
      List.of("name", "clone_url", "default_branch", "owner", "tags");

  private InventoryFiles() {}

  /** Reads {@code file}, choosing the format by its extension (.csv, .yaml, .yml). */
  public static List<RepoRef> read(Path file) throws IOException, InventoryFormatException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return readCsv(file);
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return readYaml(file);
    }
    throw new InventoryFormatException(
        file + ": unknown inventory format; use a .csv, .yaml or .yml file, or a folder of git repositories");
  }

  static List<RepoRef> readCsv(Path file) throws IOException, InventoryFormatException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .setCommentMarker('#')
            .get();
    List<RepoRef> repos = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = format.parse(reader)) {
      List<String> header = parser.getHeaderNames();
      for (String column : header) {
        if (!CSV_COLUMNS.contains(column)) {
          throw InventoryFormatException.at(
              file.toString(), 1, 1, "unknown column '" + column + "'; the columns are " + CSV_COLUMNS);
        }
      }
      for (String required : List.of("name", "clone_url")) {
        if (!header.contains(required)) {
          throw InventoryFormatException.at(
              file.toString(), 1, 1, "missing column '" + required + "'; the columns are " + CSV_COLUMNS);
        }
      }
      Set<String> seen = new HashSet<>();
      for (CSVRecord row : parser) {
        long line = parser.getCurrentLineNumber();
        String repoName = cell(row, "name");
        String url = cell(row, "clone_url");
        if (repoName == null || url == null) {
          throw InventoryFormatException.at(
              file.toString(), line, 1, "every row needs a name and a clone_url");
        }
        if (!seen.add(repoName)) {
          throw InventoryFormatException.at(file.toString(), line, 1, "duplicate repository '" + repoName + "'");
        }
        String tags = cell(row, "tags");
        try {
          repos.add(
              new RepoRef(
                  repoName,
                  url,
                  cell(row, "default_branch"),
                  cell(row, "owner"),
                  tags == null ? List.of() : splitTags(tags),
                  file.toString()));
        } catch (IllegalArgumentException e) {
          throw InventoryFormatException.at(file.toString(), line, 1, e.getMessage());
        }
      }
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      // Commons CSV reports malformed quoting this way, with its own position in the message.
      throw new InventoryFormatException(file + ": " + e.getMessage(), e);
    }
    return repos;
  }

  private static @Nullable String cell(CSVRecord row, String column) {
    if (!row.isMapped(column) || !row.isSet(column)) {
      return null;
    }
    String value = row.get(column);
    return value.isBlank() ? null : value;
  }

  private static List<String> splitTags(String tags) {
    return Arrays.stream(tags.split("[;,\\s]+")).filter(t -> !t.isBlank()).toList();
  }

  /** The YAML shape: {@code repositories:} followed by a list of entries. */
  record YamlInventory(@JsonProperty(required = true) List<YamlEntry> repositories) {}

  record YamlEntry(
      @JsonProperty(required = true) String name,
      @JsonProperty(value = "url", required = true) String url,
      @Nullable String branch,
      @Nullable String owner,
      @Nullable List<String> tags) {}

  static List<RepoRef> readYaml(Path file) throws IOException, InventoryFormatException {
    YamlInventory inventory;
    LocatedYaml yaml;
    try {
      yaml = LocatedYaml.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      inventory = yaml.bind(YamlInventory.class);
    } catch (LocatedYaml.YamlException e) {
      throw new InventoryFormatException(e.getMessage(), e);
    }
    if (inventory == null || inventory.repositories() == null) {
      throw InventoryFormatException.at(file.toString(), 1, 1, "expected a 'repositories:' list");
    }
    List<RepoRef> repos = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int index = 0;
    for (YamlEntry entry : inventory.repositories()) {
      index++;
      if (!seen.add(entry.name())) {
        throw new InventoryFormatException(
            yaml.error("/repositories/" + (index - 1), "duplicate repository '" + entry.name() + "'").getMessage());
      }
      try {
        repos.add(
            new RepoRef(
                entry.name(),
                entry.url(),
                entry.branch(),
                entry.owner(),
                entry.tags() == null ? List.of() : entry.tags(),
                file.toString()));
      } catch (IllegalArgumentException e) {
        throw new InventoryFormatException(yaml.error("/repositories/" + (index - 1), e.getMessage()).getMessage());
      }
    }
    return repos;
  }
}
