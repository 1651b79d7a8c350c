-- Room settings that operators change (IRC channel modes), and who operates
-- or may speak in a room. A role belongs to the account and outlives leaving
-- the room, as a channel's access list does on IRC networks.
ALTER TABLE rooms ADD COLUMN topic_by TEXT NOT NULL DEFAULT '';
ALTER TABLE rooms ADD COLUMN topic_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN topic_locked INTEGER NOT NULL DEFAULT 1;
ALTER TABLE rooms ADD COLUMN moderated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN secret INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN join_key TEXT NOT NULL DEFAULT '';
ALTER TABLE rooms ADD COLUMN member_limit INTEGER NOT NULL DEFAULT 0;

CREATE TABLE room_roles (
    room    TEXT    NOT NULL REFERENCES rooms (name),
    user_id INTEGER NOT NULL REFERENCES users (id),
    role    INTEGER NOT NULL CHECK (role IN (1, 2)),  -- 1 voice, 2 operator
    PRIMARY KEY (room, user_id)
) STRICT, WITHOUT ROWID;
