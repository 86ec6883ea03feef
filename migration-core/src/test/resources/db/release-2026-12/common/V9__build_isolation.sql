-- Which sandbox each build ran in (issue 7): e.g. "own PID namespace, killed with Fleet; env
-- allowlist; no network (Maven offline)", or the fallback with its reason. Shown in the report.
ALTER TABLE repo_attempt ADD COLUMN isolation VARCHAR(400);
