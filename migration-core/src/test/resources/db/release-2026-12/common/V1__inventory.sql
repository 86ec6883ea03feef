-- The repository inventory (module repo-inventory). Portable between H2 and PostgreSQL.
CREATE TABLE repository (
    name           VARCHAR(255)  NOT NULL PRIMARY KEY,
    clone_url      VARCHAR(2048) NOT NULL,
    default_branch VARCHAR(255),
    owner          VARCHAR(255),
    tags           VARCHAR(1024) NOT NULL DEFAULT '',
    source         VARCHAR(2048) NOT NULL,
    imported_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
