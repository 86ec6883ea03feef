-- Scale out (issue 8): the worker processes of remote runs, and which worker holds which shard.
-- Portable between H2 and PostgreSQL.

-- One row per worker process while it lives. It refreshes heartbeat_at every few seconds; a row
-- whose heartbeat is older than the lease belongs to a worker that died (SIGKILL, lost machine)
-- without a word, which the manager reports and stops waiting for.
CREATE TABLE fleet_worker (
    id           VARCHAR(255) NOT NULL PRIMARY KEY,
    host         VARCHAR(255) NOT NULL,
    lanes        INT          NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at   TIMESTAMP WITH TIME ZONE
);

-- The worker that runs (or last ran) a partition's step execution. A redelivered request moves the
-- row to the worker that took it over; claims counts how often the shard was taken.
CREATE TABLE worker_shard (
    step_execution_id BIGINT       NOT NULL PRIMARY KEY,
    run_id            BIGINT       NOT NULL,
    shard             INT          NOT NULL,
    worker_id         VARCHAR(255) NOT NULL,
    claims            INT          NOT NULL,
    claimed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    released_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX worker_shard_by_run ON worker_shard (run_id, shard);
