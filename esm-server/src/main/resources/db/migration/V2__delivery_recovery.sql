-- Missed-delivery recovery (a GitHub App only). Same statements for H2 and PostgreSQL.

-- Each delivery GUID ESM asked GitHub to redeliver: asked once, by one replica, kept 7 days.
CREATE TABLE esm_redelivery (
  delivery_id VARCHAR(200) PRIMARY KEY,
  asked_at    BIGINT NOT NULL
);
CREATE INDEX esm_redelivery_asked_at ON esm_redelivery (asked_at);

-- How far the App's delivery list has been read: the newest delivered_at seen (epoch milliseconds).
CREATE TABLE esm_recovery_position (
  id           INTEGER PRIMARY KEY,
  delivered_at BIGINT NOT NULL
);
INSERT INTO esm_recovery_position (id, delivered_at) VALUES (1, 0);
