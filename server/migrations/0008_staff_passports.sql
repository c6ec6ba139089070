-- 0008: the staff passport (issue 8): qualifications that travel between centres, signed with
-- the issuing centre's Ed25519 key and verified against the centres this one trusts.
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- The centre's SECRET key is never stored here: it lives in a key file (mode 0600) given by
-- --key-file, so that a copy of the database (backups, replicas, a support dump) cannot forge
-- passports. Only the public half is recorded, to name this centre in the passports it issues.

-- This installation as an issuing centre: at most one row (`celljourney centre key init`).
CREATE TABLE centre_identity (
    singleton      boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    name           text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    public_key     text        NOT NULL CHECK (public_key ~ '^[A-Za-z0-9+/]{43}=$'),  -- 32 bytes, base64
    fingerprint    text        NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),        -- SHA-256 of the key
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Centres whose passports this one accepts (`celljourney centre trust add`). Trust is in the
-- key, not the name: a passport names its key, and only an exact key match is trusted. A
-- withdrawn trust keeps its row (revoked_at) so that earlier imports still name their centre.
CREATE TABLE trusted_centres (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    public_key     text        NOT NULL UNIQUE CHECK (public_key ~ '^[A-Za-z0-9+/]{43}=$'),
    fingerprint    text        NOT NULL UNIQUE CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    added_at       timestamptz NOT NULL DEFAULT now(),
    added_by       text        NOT NULL,
    revoked_at     timestamptz
);

-- Each passport accepted here: for whom, from which centre, by whom, and the signed document
-- itself (evidence). One passport is one person's: it is imported for one local user only, and
-- importing it again changes nothing.
CREATE TABLE passport_imports (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    passport_id    text        NOT NULL UNIQUE CHECK (passport_id ~ '^[0-9a-f]{32}$'),
    centre_id      bigint      NOT NULL REFERENCES trusted_centres (id),
    user_id        bigint      NOT NULL REFERENCES users (id),
    issued_at      timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    imported_at    timestamptz NOT NULL DEFAULT now(),
    imported_by    text        NOT NULL,
    document       jsonb       NOT NULL
);

-- A qualification's origin: NULL is recorded here (local); otherwise the passport it came from.
ALTER TABLE qualifications ADD COLUMN passport_import_id bigint REFERENCES passport_imports (id);

GRANT SELECT ON centre_identity TO celljourney_app;
GRANT SELECT ON trusted_centres TO celljourney_app;
GRANT SELECT, INSERT ON passport_imports TO celljourney_app;
