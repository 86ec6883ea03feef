-- Issue 19, the risk flag and CODEOWNERS: what Fleet decided about a pull request when it delivered it,
-- kept with the pull request so that the report lists every open flagged one of the campaign (not only
-- those delivered by the run it reports) and a nudge mentions the owners of the paths it changes.
-- Portable between H2 and PostgreSQL.

-- Why the pull request is flagged for low test coverage (rollout.minTests, rollout.minCoverage); null: not flagged.
ALTER TABLE pull_request ADD COLUMN risk VARCHAR(4000);
-- The CODEOWNERS owners of the changed paths, space-separated as written (@login, @org/team, e-mail);
-- null or empty: none (a nudge mentions the inventory owner).
ALTER TABLE pull_request ADD COLUMN owners VARCHAR(2000);
