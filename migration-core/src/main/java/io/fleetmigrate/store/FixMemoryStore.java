package io.fleetmigrate.store;

import io.fleetmigrate.fix.DiagnosticSignature;
import io.fleetmigrate.fix.Edit;
import io.fleetmigrate.fix.FixMemory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fix memory (table {@code fix_memory}): accepted fixes per campaign, by diagnostic signature, with
 * how often each was replayed and how often that worked. A person lists and deletes them with
 * {@code fleet fixes}.
 */
@Repository
public class FixMemoryStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;

  public FixMemoryStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * One remembered fix, as listed.
   *
   * @param signature the normalised diagnostics it fixed: the stage, then one line each
   * @param reused how often it was replayed on a later repository
   * @param worked how often that replay turned the repository green
   */
  public record Entry(
      long id, String campaign, String signature, String repository, List<Edit> edits, int reused, int worked, OffsetDateTime createdAt) {
    public Entry {
      edits = List.copyOf(edits);
    }
  }

  /** The memory of one campaign, as the fix loop uses it. */
  public FixMemory forCampaign(String campaign) {
    return new FixMemory() {
      @Override
      public Optional<Remembered> recall(DiagnosticSignature signature) {
        return jdbc.sql("""
                SELECT id, repository, files, edits FROM fix_memory WHERE campaign = :c AND signature_key = :k
                ORDER BY worked DESC, id FETCH FIRST 1 ROWS ONLY""")
            .param("c", campaign).param("k", signature.key())
            .query((rs, i) -> new Remembered(rs.getLong("id"), rs.getString("repository"), files(rs.getString("files")), edits(rs.getString("edits"))))
            .optional();
      }

      @Override
      public void reused(long id, boolean worked) {
        jdbc.sql("UPDATE fix_memory SET reused = reused + 1, worked = worked + :w WHERE id = :id")
            .param("w", worked ? 1 : 0).param("id", id).update();
      }

      @Override
      public void remember(DiagnosticSignature signature, String repository, List<Edit> edits) {
        String json = JSON.writeValueAsString(edits);
        int same = jdbc.sql("SELECT COUNT(*) FROM fix_memory WHERE campaign = :c AND signature_key = :k AND edits = :e")
            .param("c", campaign).param("k", signature.key()).param("e", json).query(Integer.class).single();
        if (same > 0) {
          return; // already remembered, from another repository
        }
        jdbc.sql("""
                INSERT INTO fix_memory (campaign, signature_key, signature, repository, files, edits, reused, worked, created_at)
                VALUES (:c, :k, :s, :r, :f, :e, 0, 0, :now)""")
            .param("c", campaign).param("k", signature.key()).param("s", signature.text()).param("r", repository)
            .param("f", JSON.writeValueAsString(signature.files())).param("e", json)
            .param("now", OffsetDateTime.now(ZoneOffset.UTC))
            .update();
      }
    };
  }

  public List<Entry> list(String campaign) {
    return jdbc.sql("SELECT * FROM fix_memory WHERE campaign = :c ORDER BY id")
        .param("c", campaign)
        .query((rs, i) -> new Entry(rs.getLong("id"), rs.getString("campaign"), rs.getString("signature"), rs.getString("repository"),
            edits(rs.getString("edits")), rs.getInt("reused"), rs.getInt("worked"), rs.getObject("created_at", OffsetDateTime.class)))
        .list();
  }

  /** Forgets fix {@code id} of {@code campaign}; false when there is none. */
  public boolean delete(String campaign, long id) {
    return jdbc.sql("DELETE FROM fix_memory WHERE campaign = :c AND id = :id").param("c", campaign).param("id", id).update() > 0;
  }

  private static List<Edit> edits(String json) {
    return JSON.readValue(json, new TypeReference<List<Edit>>() {});
  }

  private static List<@Nullable String> files(String json) {
    return new ArrayList<>(JSON.readValue(json, new TypeReference<List<@Nullable String>>() {}));
  }
}
