-- Pull request work (autoplan, register on merge, restore on close) and drift checks are stored
-- commands too. A drift check comes from no delivery: its delivery_id is NULL (a UNIQUE column
-- takes any number of NULLs in both engines). Same statement for H2 and PostgreSQL.
ALTER TABLE esm_command ALTER COLUMN delivery_id DROP NOT NULL;
