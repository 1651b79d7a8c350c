-- Uploaded files and the messages that carry them. The bytes live on disk
-- under storage_name, a random name that never comes from the user; name is
-- the sanitized name shown to people. A file row is written only after its
-- bytes are in place, so a row always has a file.
CREATE TABLE files (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    owner        INTEGER NOT NULL REFERENCES users (id),
    name         TEXT    NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    content_type TEXT    NOT NULL,
    storage_name TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX files_by_owner ON files (owner);

-- Attaching shares a file, it never copies it; position keeps the sender's order.
CREATE TABLE message_attachments (
    message_id INTEGER NOT NULL REFERENCES messages (id),
    position   INTEGER NOT NULL,
    file_id    INTEGER NOT NULL REFERENCES files (id),
    PRIMARY KEY (message_id, position)
) STRICT, WITHOUT ROWID;
-- Who may download a file is decided from the messages that carry it.
CREATE INDEX message_attachments_by_file ON message_attachments (file_id);

-- users.avatar_url (from 0001) is the avatar reference: /avatars/{id}-{random}.png.
