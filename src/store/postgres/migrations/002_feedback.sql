-- Baken PostgreSQL schema, version 2: learning from use (Teams' own 👍/👎 on answer messages).
-- Never edit once applied: add 003_….sql instead.

-- The answer messages Baken sent, so a rating (which names only the rated message) can be tied to who asked what
-- and which section was cited. `id` hashes conversation id and activity id. Pruned after a retention period.
CREATE TABLE feedback_answers (
  id       text PRIMARY KEY,
  at       timestamptz NOT NULL,
  user_key text NOT NULL,
  doc      jsonb NOT NULL
);
CREATE INDEX feedback_answers_at_idx ON feedback_answers (at);

-- Questions rated 👍, proposed as phrasings of the cited section; an admin accepts or rejects each one.
-- `key` is plan + section + the normalised question: one candidate per key, however many votes.
CREATE TABLE phrasing_candidates (
  id         text PRIMARY KEY,
  key        text NOT NULL,
  seq        bigint GENERATED ALWAYS AS IDENTITY,
  status     text NOT NULL CHECK (status IN ('candidate', 'accepted', 'rejected')),
  created_at timestamptz NOT NULL,
  doc        jsonb NOT NULL,
  CONSTRAINT phrasing_candidates_key_key UNIQUE (key)
);
CREATE INDEX phrasing_candidates_status_idx ON phrasing_candidates (status, created_at, id COLLATE "C");
