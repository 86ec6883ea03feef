package io.fleetmigrate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by the build). */
public class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "fleet " + (version == null ? "(development build)" : version),
      "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"
    };
  }
}
