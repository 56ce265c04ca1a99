-- Baken PostgreSQL schema, version 1. Applied by src/store/postgres/migrate.ts inside one transaction under an
-- advisory lock; never edit an applied migration: add 002_….sql instead (migrate.ts refuses a changed file).
-- Every aggregate keeps its full JSON document in `doc`; the columns beside it are what the store queries on.

-- Reports: id "CMP-2026-0007" (code, year, gapless sequence from report_counters).
CREATE TABLE reports (
  id           text PRIMARY KEY,
  series       text NOT NULL,            -- "CMP-2026": the counter row this id came from
  seq          integer NOT NULL CHECK (seq > 0),
  school       text NOT NULL,
  code         text NOT NULL,
  year         integer NOT NULL,
  type         text NOT NULL,
  status       text NOT NULL,
  reporter_id  text NOT NULL,
  draft_id     text NOT NULL,
  submitted_at timestamptz NOT NULL,
  version      integer NOT NULL CHECK (version > 0),
  doc          jsonb NOT NULL,
  CONSTRAINT reports_draft_id_key UNIQUE (draft_id),
  CONSTRAINT reports_series_seq_key UNIQUE (series, seq)
);
CREATE INDEX reports_submitted_idx ON reports (submitted_at DESC, id COLLATE "C" DESC);
CREATE INDEX reports_school_submitted_idx ON reports (school, submitted_at DESC);
CREATE INDEX reports_reporter_idx ON reports (reporter_id);

-- One row per school code and year; `last` is the last sequence number handed out. Incremented in the same
-- transaction as the report insert, so a rollback gives the number back and ids stay gapless.
CREATE TABLE report_counters (
  series text PRIMARY KEY,
  last   integer NOT NULL CHECK (last >= 0)
);

CREATE TABLE drafts (
  id         text PRIMARY KEY,
  user_id    text NOT NULL,
  status     text NOT NULL,
  updated_at timestamptz NOT NULL,
  doc        jsonb NOT NULL
);
CREATE INDEX drafts_user_idx ON drafts (user_id);
CREATE INDEX drafts_updated_idx ON drafts (updated_at);

CREATE TABLE profiles (
  user_key   text PRIMARY KEY,
  updated_at timestamptz NOT NULL DEFAULT now(),
  doc        jsonb NOT NULL
);

CREATE TABLE conversations (
  user_key   text PRIMARY KEY,
  updated_at timestamptz NOT NULL DEFAULT now(),
  doc        jsonb NOT NULL
);

CREATE TABLE feedback (
  id        text PRIMARY KEY,
  seq       bigint GENERATED ALWAYS AS IDENTITY,
  at        timestamptz NOT NULL,
  user_key  text NOT NULL,
  school_id text NOT NULL,
  vote      text NOT NULL,
  doc       jsonb NOT NULL
);
CREATE INDEX feedback_seq_idx ON feedback (seq);

-- botbuilder Storage (teams-ai conversation state): the eTag changes on every write.
CREATE TABLE bot_state (
  key        text PRIMARY KEY,
  etag       text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  doc        jsonb NOT NULL
);

-- The outbox: everything Baken sends on its own. `key` is the idempotency key; `seq` keeps insertion order.
CREATE TABLE outbox (
  id           uuid PRIMARY KEY,
  seq          bigint GENERATED ALWAYS AS IDENTITY,
  kind         text NOT NULL,
  key          text NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'done', 'dead', 'cancelled')),
  due_at       timestamptz NOT NULL,
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL CHECK (max_attempts > 0),
  lease_owner  text,
  lease_until  timestamptz,
  last_error   text,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  closed_at    timestamptz,
  CONSTRAINT outbox_key_key UNIQUE (key)
);
-- The claim query: pending jobs by due time.
CREATE INDEX outbox_pending_due_idx ON outbox (due_at, seq) WHERE status = 'pending';
CREATE INDEX outbox_status_idx ON outbox (status, seq);
CREATE INDEX outbox_closed_idx ON outbox (closed_at) WHERE status IN ('done', 'cancelled');
