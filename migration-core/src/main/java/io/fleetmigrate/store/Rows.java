package io.fleetmigrate.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** What every store does the same way: the time a row is written at, text cut to its column, nullable numbers. */
public final class Rows {
  private Rows() {}

  /** The time a row is written at (UTC, as every timestamp column holds it). */
  public static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** {@code text} cut to a column of {@code max} characters, marked with "..." when cut. */
  public static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  /** A nullable integer column ({@code getInt} reads NULL as 0). */
  public static @Nullable Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  /** A nullable long column. */
  public static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
