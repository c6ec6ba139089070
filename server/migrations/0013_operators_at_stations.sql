-- 0013: the people at a station sign in with their badge and a PIN, and every person named in
-- an event brings a proof made at that moment (docs/security.md, "Operators at stations:
-- badges, PINs and proofs").
-- Never edit this file once it has landed: add a new numbered migration instead.

-- The key of a person's badge (server/auth/badge_key.h: "isbt128:" + an ISBT 128 staff member
-- identification, or the hospital badge's code as read) and the argon2id hash of their PIN
-- (never the PIN). Both optional: a person without them cannot sign in at a station.
ALTER TABLE users
    ADD COLUMN badge_code text UNIQUE CHECK (length(badge_code) BETWEEN 1 AND 64),
    ADD COLUMN pin_hash   text CHECK (pin_hash IS NULL OR pin_hash LIKE '$argon2id$%');

-- A person signed in by a station (or by a desk user, for a witness): only the SHA-256 of the
-- token is kept. bound_to is the principal that asked for it ("station:AP-01", "user:ann"): no
-- other caller can use it. A shift token lives 12 h at most and ends when unused for
-- idle_minutes (each event that uses it moves last_used_at on); a witness token lives 5 minutes
-- and is good for one event (used_event).
CREATE TABLE operator_tokens (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash    bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    user_id       bigint      NOT NULL REFERENCES users (id),
    bound_to      text        NOT NULL CHECK (length(bound_to) BETWEEN 1 AND 80),
    purpose       text        NOT NULL CHECK (purpose IN ('shift', 'witness')),
    idle_minutes  integer     NOT NULL CHECK (idle_minutes BETWEEN 1 AND 720),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    last_used_at  timestamptz NOT NULL DEFAULT now(),
    ended_at      timestamptz,
    used_event    bigint      REFERENCES events (id),
    CHECK (expires_at > created_at)
);
CREATE INDEX operator_tokens_user ON operator_tokens (user_id, created_at);

-- Codes typed by hand (with their keyboard check character) instead of scanned: indexes into
-- the event's scans. Shown with the event; no effect on the decision.
ALTER TABLE events ADD COLUMN typed smallint[];

-- The server reads and adds tokens, and moves only their use and end (users: UPDATE since 0003).
GRANT SELECT, INSERT ON operator_tokens TO celljourney_app;
GRANT UPDATE (last_used_at, ended_at, used_event) ON operator_tokens TO celljourney_app;
