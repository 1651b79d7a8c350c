-- Listing a user's direct conversations looks the user up on either side of
-- the pair; messages_by_dm covers dm_low, this covers dm_high.
CREATE INDEX messages_by_dm_high ON messages (dm_high, dm_low, id);
