-- Rollout in waves (issue 19): where each campaign's rollout stands, and which repositories a run
-- held back (green, not delivered: WAITING) with the reason it gives them.
-- Portable between H2 and PostgreSQL.
CREATE TABLE rollout (
    campaign       VARCHAR(100)  NOT NULL PRIMARY KEY,
    -- 0-based index into the spec's rollout.waves: the wave that is open now.
    wave           INT           NOT NULL,
    paused         BOOLEAN       NOT NULL,
    -- 'gate' (a pull request closed unmerged, checks red) or 'person' (pause-rollout); null when not paused.
    paused_by      VARCHAR(20),
    -- Why it is paused, or what the gate still waits for; empty when nothing holds it.
    reason         VARCHAR(4000) NOT NULL,
    wave_opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE rollout_held (
    run_id     BIGINT        NOT NULL REFERENCES campaign_run (id),
    repository VARCHAR(255)  NOT NULL,
    reason     VARCHAR(2000) NOT NULL,
    PRIMARY KEY (run_id, repository)
);

-- Nudges (rollout.nudgeAfter): when Fleet last asked the owners to review a pull request.
ALTER TABLE pull_request ADD COLUMN nudged_at TIMESTAMP WITH TIME ZONE;
