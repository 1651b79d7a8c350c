-- IRC guests (--guests on): people without an account, under a nick no account
-- owns. Each guest visit is a row of its own, so its messages keep a sender in
-- history. The row's username_key is a random placeholder: the nick stays free
-- for anyone who later registers it, and for the next guest.
ALTER TABLE users ADD COLUMN guest INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0, 1));
