package io.fleetmigrate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by the build), and the recipe modules it carries. */
public class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("fleet " + (version == null ? "(development build)" : version));
    lines.add("Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}");
    lines.add("OpenRewrite modules: " + String.join(", ", io.fleetmigrate.recipes.RecipeCatalog.modules()));
    return lines.toArray(String[]::new);
  }
}
