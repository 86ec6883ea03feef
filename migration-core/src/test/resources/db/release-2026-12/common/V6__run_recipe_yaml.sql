-- The declarative YAML recipes that lay next to the campaign spec when the run started, frozen with
-- the run (like spec_yaml), so a restarted run uses the recipes it started with.
ALTER TABLE campaign_run ADD COLUMN recipe_yaml TEXT;
