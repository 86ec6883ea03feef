package io.fleetmigrate.recipes.java;

import org.openrewrite.java.tree.JavaSourceFile;
import org.openrewrite.java.tree.JavaType;

/** Which types are JUnit 4's: {@code org.junit.*} and {@code junit.*}, but not Jupiter, Platform or Vintage. */
final class JUnit4Types {
  private JUnit4Types() {}

  static boolean isJUnit4(String fullyQualifiedName) {
    if (fullyQualifiedName.startsWith("junit.")) {
      return true;
    }
    return fullyQualifiedName.startsWith("org.junit.")
        && !fullyQualifiedName.startsWith("org.junit.jupiter.")
        && !fullyQualifiedName.startsWith("org.junit.platform.")
        && !fullyQualifiedName.startsWith("org.junit.vintage.");
  }

  /** Whether {@code file} uses a JUnit 4 type: by its attributed types, or by an import when types are missing. */
  static boolean uses(JavaSourceFile file) {
    for (JavaType type : file.getTypesInUse().getTypesInUse()) {
      if (type instanceof JavaType.FullyQualified fq && isJUnit4(fq.getFullyQualifiedName())) {
        return true;
      }
    }
    return file.getImports().stream().anyMatch(i -> isJUnit4(i.getTypeName()) || isJUnit4(i.getPackageName() + "."));
  }
}
