-- What a GitHub import knows about a repository (issue 5), and repositories that vanished from
-- their source: marked with the time they were last missed, never deleted (outcomes refer to them).
ALTER TABLE repository ADD COLUMN pushed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE repository ADD COLUMN archived BOOLEAN;
ALTER TABLE repository ADD COLUMN fork BOOLEAN;
ALTER TABLE repository ADD COLUMN visibility VARCHAR(20);
ALTER TABLE repository ADD COLUMN language VARCHAR(100);
ALTER TABLE repository ADD COLUMN vanished_at TIMESTAMP WITH TIME ZONE;
