package io.fleetmigrate.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A campaign's own declarative recipes: the YAML files next to its spec that declare {@code type:
 * specs.openrewrite.org/v1beta/recipe} (a {@code rewrite.yml}, say). They are read when a run starts
 * and frozen with it, so a restart runs the recipes the run began with.
 */
public final class SpecRecipeFiles {
  static final String RECIPE_TYPE = "specs.openrewrite.org/v1beta/recipe";

  private SpecRecipeFiles() {}

  /** One recipe file: where it is and what it says. */
  public record RecipeFile(Path path, String yaml) {}

  /** The recipe files next to {@code specFile}, sorted by name; the spec itself is never one. */
  public static List<RecipeFile> nextTo(Path specFile) throws IOException, SpecException {
    Path spec = specFile.toAbsolutePath().normalize();
    Path dir = spec.getParent();
    if (dir == null) {
      return List.of();
    }
    List<Path> candidates;
    try (Stream<Path> files = Files.list(dir)) {
      candidates =
          files.filter(Files::isRegularFile)
              .filter(f -> !f.equals(spec))
              .filter(f -> f.getFileName().toString().endsWith(".yml") || f.getFileName().toString().endsWith(".yaml"))
              .sorted()
              .toList();
    }
    List<RecipeFile> recipes = new java.util.ArrayList<>();
    for (Path file : candidates) {
      byte[] bytes = Files.readAllBytes(file);
      // The marker is ASCII, so it is found in any encoding; only a recipe file must be UTF-8. A
      // stray docker-compose.yml in Latin-1 beside the spec is none of our business.
      if (!new String(bytes, StandardCharsets.ISO_8859_1).contains(RECIPE_TYPE)) {
        continue;
      }
      try {
        String yaml = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        recipes.add(new RecipeFile(file, yaml));
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new SpecException(file + ": declares recipes (type: " + RECIPE_TYPE + ") but is not UTF-8 text; save it as UTF-8", e);
      }
    }
    return recipes;
  }

  /** The files as one multi-document YAML stream, the form stored with a run. */
  public static String join(List<RecipeFile> files) {
    StringBuilder all = new StringBuilder();
    for (RecipeFile file : files) {
      all.append("# ").append(file.path().getFileName()).append('\n').append(file.yaml().strip()).append("\n---\n");
    }
    return all.toString();
  }
}
