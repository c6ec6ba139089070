-- 0002: people, their roles per site, login sessions, stations, and staff qualifications.
-- Never edit this file once it has landed: add a new numbered migration instead.

-- Timestamps as the API shows them: ISO 8601 in UTC, to the second ("2026-11-20T10:00:00Z").
CREATE FUNCTION iso_utc(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

-- A person who logs in. Passwords are argon2id hashes (libsodium's crypto_pwhash_str format);
-- failed logins are counted so that an account can be locked for a while after repeated failures.
CREATE TABLE users (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username         text        NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{1,63}$'),
    display_name     text        NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
    password_hash    text        NOT NULL,
    failed_logins    integer     NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until     timestamptz,
    active           boolean     NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- The roles a person holds, per site. A person sees and writes only the sites listed here.
CREATE TABLE user_site_roles (
    user_id   bigint NOT NULL REFERENCES users (id),
    site_id   bigint NOT NULL REFERENCES sites (id),
    role      text   NOT NULL CHECK (role IN ('apheresis', 'cell_lab', 'clinical', 'physician', 'coordinator', 'qa', 'admin')),
    PRIMARY KEY (user_id, site_id, role)
);

-- A login session. The client holds an opaque random token; only its SHA-256 is stored, so a
-- copy of the database does not let anyone log in.
CREATE TABLE sessions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    user_id      bigint      NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- A registered scanning place. It authenticates with its own key (shown once at creation; only
-- the SHA-256 is stored) and may only post for its site.
CREATE TABLE stations (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text        NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'),
    site_id      bigint      NOT NULL REFERENCES sites (id),
    name         text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    key_hash     bytea       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);

-- A qualification a person holds: core CAR T training, or training for one product. The
-- workflows check these at each step; issuing_centre records where it came from (a passport
-- imported from another centre keeps its origin; NULL: issued by this installation).
CREATE TABLE qualifications (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint      NOT NULL REFERENCES users (id),
    qualification   text        NOT NULL CHECK (qualification ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    valid_from      timestamptz NOT NULL,
    valid_until     timestamptz,
    issuing_centre  text        CHECK (issuing_centre IS NULL OR length(btrim(issuing_centre)) BETWEEN 1 AND 200),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX qualifications_user ON qualifications (user_id);

-- Who did what to people, roles, sites, stations and qualifications, and every login attempt:
-- Part 11 §11.10(d)/(e) and Annex 11 expect access control and its changes to be traceable.
-- Append-only: triggers refuse UPDATE, DELETE and TRUNCATE. actor is the username for API calls and
-- 'cli:<os user>' for the administration commands; nothing secret is ever written here.
CREATE TABLE admin_log (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    actor    text        NOT NULL,
    action   text        NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
    subject  text        NOT NULL,
    details  jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX admin_log_subject ON admin_log (subject, at);

CREATE FUNCTION admin_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER admin_log_append_only BEFORE UPDATE OR DELETE ON admin_log
    FOR EACH ROW EXECUTE FUNCTION admin_log_is_append_only();
CREATE TRIGGER admin_log_no_truncate BEFORE TRUNCATE ON admin_log
    FOR EACH STATEMENT EXECUTE FUNCTION admin_log_is_append_only();
