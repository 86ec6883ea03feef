-- The model the environment chose (FLEET_FIX_PROVIDER, FLEET_FIX_MODEL, FLEET_FIX_BASE_URL) when the
-- run started, frozen with the run like its spec: a resumed run, or a worker on another machine,
-- uses the model the run began with. model_provider '' = the environment named none; NULL = a run
-- from before this column, which still reads the environment. Never a key: keys stay in the
-- environment or a file.
ALTER TABLE campaign_run ADD COLUMN model_provider VARCHAR(64);
ALTER TABLE campaign_run ADD COLUMN model_name VARCHAR(256);
ALTER TABLE campaign_run ADD COLUMN model_base_url VARCHAR(2048);
