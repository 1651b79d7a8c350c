-- +i: a room that only invited people (and admins) may join.
ALTER TABLE rooms ADD COLUMN invite_only INTEGER NOT NULL DEFAULT 0;
