-- Parley schema, version 1.
-- Times are milliseconds since the Unix epoch (UTC).

-- A deleted user keeps its row (deleted = 1) so the id and the name are never reused.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    -- lower(username): names are unique without regard to case.
    username_key  TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL DEFAULT '',
    first_name    TEXT    NOT NULL DEFAULT '',
    last_name     TEXT    NOT NULL DEFAULT '',
    avatar_url    TEXT,
    password_hash TEXT    NOT NULL DEFAULT '',
    role          TEXT    NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    banned        INTEGER NOT NULL DEFAULT 0 CHECK (banned IN (0, 1)),
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Only the hash of a session token is kept, so a stolen file holds no usable token.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE rooms (
    name       TEXT    PRIMARY KEY,
    topic      TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE memberships (
    room    TEXT    NOT NULL REFERENCES rooms (name),
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (room, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE room_bans (
    room    TEXT    NOT NULL REFERENCES rooms (name),
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (room, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX room_bans_by_user ON room_bans (user_id);

CREATE TABLE blocks (
    blocker INTEGER NOT NULL REFERENCES users (id),
    blocked INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (blocker, blocked)
) STRICT, WITHOUT ROWID;
CREATE INDEX blocks_by_blocked ON blocks (blocked);

-- Ids are assigned by the Hub and grow strictly. A message goes either to a
-- room or to one user; a direct message also stores its ordered pair of users
-- (dm_low < dm_high, or equal for a note to oneself) so that one conversation,
-- whoever wrote each line, is one range of the dm index.
CREATE TABLE messages (
    id      INTEGER PRIMARY KEY,
    room    TEXT    REFERENCES rooms (name),
    from_id INTEGER NOT NULL REFERENCES users (id),
    to_id   INTEGER REFERENCES users (id),
    dm_low  INTEGER,
    dm_high INTEGER,
    text    TEXT    NOT NULL,
    ts      INTEGER NOT NULL,
    CHECK ((room IS NULL) <> (to_id IS NULL)),
    CHECK ((to_id IS NULL) = (dm_low IS NULL) AND (to_id IS NULL) = (dm_high IS NULL))
) STRICT;
CREATE INDEX messages_by_room ON messages (room, id);
CREATE INDEX messages_by_dm ON messages (dm_low, dm_high, id);

INSERT INTO rooms (name, topic, created_at) VALUES ('general', 'General discussion', 0);
