package io.fleetmigrate.cli;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON the CLI prints with {@code --json}: stable field names, ISO-8601 times, indented. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  /** For event streams (JSON Lines): one object per line, not indented. */
  static final JsonMapper LINES = JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
