-- 0003: the journal: patients, journeys, units, the append-only event log with its hash chain,
-- deviations and their lifecycle, electronic signatures, temperature readings, idempotency.
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- Audit trail (docs/audit.md; regulatory.md §3 11.10(e), §5 ALCOA+, §7 items 1, 3, 11):
--  - events, deviation_events, signatures and temperature_readings are append-only. Two locks:
--    a trigger refuses UPDATE, DELETE and TRUNCATE for everybody (even a superuser, who has to
--    disable the trigger on purpose, which `celljourney audit verify` then catches), and the
--    application role below holds only SELECT and INSERT on them.
--  - each journey's events form a SHA-256 chain: events.hash = SHA-256(events.prev_hash ||
--    events.canonical), prev_hash of seq 1 = 32 zero bytes, prev_hash of seq n = hash of seq n-1.
--    journeys.chain_seq/chain_head hold the last link so that losing the tail is noticed too.

-- A patient, as the site knows them. Minimal on purpose: the hospital's systems hold the rest.
-- wristband: what the patient's wristband encodes, when it is not the MRN itself.
CREATE TABLE patients (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id        bigint      NOT NULL REFERENCES sites (id),
    mrn            text        NOT NULL CHECK (length(btrim(mrn)) BETWEEN 1 AND 64),
    initials       text        NOT NULL CHECK (length(btrim(initials)) BETWEEN 1 AND 8),
    date_of_birth  date,
    wristband      text        CHECK (wristband IS NULL OR length(btrim(wristband)) BETWEEN 1 AND 128),
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (site_id, mrn)
);

-- The next Chain of Identity sequence number per site and year of issue. Taken with an upsert
-- that locks the row, so two journeys created at once never share a COI.
CREATE TABLE coi_sequences (
    site_id  bigint  NOT NULL REFERENCES sites (id),
    year     integer NOT NULL CHECK (year BETWEEN 0 AND 99),
    next     integer NOT NULL CHECK (next >= 1),
    PRIMARY KEY (site_id, year)
);

-- One patient's one therapy. coi is the content of the COI [040] without its "&/" data
-- identifier: CH + the site's FIN + yy + 6-digit sequence ("CHA99992600001A" shape).
-- chain_seq and chain_head are the chain's last link (0 and 32 zero bytes before any event):
-- the append path reads them under SELECT ... FOR UPDATE, which serialises appends per journey.
CREATE TABLE journeys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    coi         text        NOT NULL UNIQUE CHECK (coi ~ '^CH[A-Z0-9]{5}[0-9]{2}[A-Z0-9]{6}$'),
    product     text        NOT NULL CHECK (product ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    site_id     bigint      NOT NULL REFERENCES sites (id),
    patient_id  bigint      NOT NULL REFERENCES patients (id),
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'disposed', 'on_hold')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  bigint      NOT NULL REFERENCES users (id),
    chain_seq   integer     NOT NULL DEFAULT 0 CHECK (chain_seq >= 0),
    chain_head  bytea       NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'
                            CHECK (length(chain_head) = 32)
);
CREATE INDEX journeys_patient ON journeys (patient_id);

-- A physical container of a journey. ISBT 128 labelled units carry a DIN (13 characters,
-- without flag characters) and usually the 8-character product code [003] content (PDC, type of
-- donation, division); division holds a further split when a site records one. Others (shippers,
-- cassettes, RfICs) carry the scanned text of their own label in external_id.
CREATE TABLE units (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journey_id      bigint      NOT NULL REFERENCES journeys (id),
    kind            text        NOT NULL CHECK (kind IN ('apheresis_bag', 'bag', 'cassette', 'shipper', 'carton', 'vial', 'rfic')),
    din             char(13)    CHECK (din ~ '^[A-Z0-9]{13}$'),
    product_code    text        CHECK (product_code ~ '^[A-Z0-9]{8}$'),
    division        text        CHECK (division ~ '^[A-Za-z0-9]{1,8}$'),
    external_id     text        CHECK (length(external_id) BETWEEN 1 AND 200),
    parent_unit_id  bigint      REFERENCES units (id),
    expires_at      timestamptz,
    dose            integer     CHECK (dose >= 1),
    colour          text        CHECK (length(btrim(colour)) BETWEEN 1 AND 32),
    registered_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (din IS NOT NULL OR external_id IS NOT NULL),
    CHECK (product_code IS NULL OR din IS NOT NULL)
);
-- One ISBT 128 unit is one row everywhere (NULLS NOT DISTINCT: a DIN without product code is
-- registered once too); a non-ISBT label is unique within its journey (shippers are reused).
CREATE UNIQUE INDEX units_isbt128 ON units (din, product_code, division) NULLS NOT DISTINCT WHERE din IS NOT NULL;
CREATE UNIQUE INDEX units_external ON units (journey_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX units_journey ON units (journey_id);

-- The event log: every step recorded, accepted or refused, never changed (a correction is a new
-- event naming the one it corrects and why). Columns hold what was received as it was received
-- (operators' user names, the station's code, raw scans); `canonical` is the exact text that was
-- hashed (docs/audit.md: sorted keys, no whitespace, UTF-8); verify checks it against the
-- columns. units: the registered unit keys the engine resolved the scans to (rebuilds history).
CREATE TABLE events (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journey_id         bigint      NOT NULL REFERENCES journeys (id),
    seq                integer     NOT NULL CHECK (seq >= 1),
    step               text        NOT NULL CHECK (length(step) BETWEEN 1 AND 100),
    occurred_at        timestamptz NOT NULL,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    station_id         bigint      REFERENCES stations (id),
    station            text,
    operators          text[]      NOT NULL,
    scans              text[]      NOT NULL,
    data               jsonb       NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    units              text[]      NOT NULL,
    decision           text        NOT NULL CHECK (decision IN ('accepted', 'refused')),
    decision_json      jsonb       NOT NULL CHECK (jsonb_typeof(decision_json) = 'object'),
    corrects_event_id  bigint      REFERENCES events (id),
    correction_reason  text,
    idempotency_key    text        CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    canonical          text        NOT NULL,
    prev_hash          bytea       NOT NULL CHECK (length(prev_hash) = 32),
    hash               bytea       NOT NULL CHECK (length(hash) = 32),
    UNIQUE (journey_id, seq),
    -- Annex 11: a change to a record says why.
    CHECK ((corrects_event_id IS NULL) = (correction_reason IS NULL)),
    CHECK (correction_reason IS NULL OR length(btrim(correction_reason)) >= 1)
);
CREATE INDEX events_idempotency_key ON events (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Electronic signatures (21 CFR 11.50): who (user and the printed name at the time), when
-- (server time), what it means, why, and the SHA-256 of the content signed.
CREATE TABLE signatures (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id),
    signer_name  text        NOT NULL CHECK (length(btrim(signer_name)) BETWEEN 1 AND 200),
    meaning      text        NOT NULL CHECK (meaning IN ('review', 'approval', 'responsibility', 'authorship')),
    reason       text        NOT NULL CHECK (length(btrim(reason)) >= 1),
    signed_hash  bytea       NOT NULL CHECK (length(signed_hash) = 32),
    signed_at    timestamptz NOT NULL DEFAULT now()
);

-- A deviation: raised with the event that broke a rule (event_id), or by the deadline sweeper
-- (OVERDUE, event_id NULL). subject names what a sweeper deviation is about beyond its rule
-- (the step and unit: "product.store A999926123456"), so that the sweeper raises each overdue
-- obligation once (deviations_raised_once). status, acknowledged_* and closed_* move forward;
-- every move is logged in deviation_events.
CREATE TABLE deviations (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journey_id            bigint      NOT NULL REFERENCES journeys (id),
    event_id              bigint      REFERENCES events (id),
    code                  text        NOT NULL CHECK (code ~ '^[A-Z][A-Z_]{0,63}$'),
    severity              text        NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
    message               text        NOT NULL,
    rule                  text        NOT NULL CHECK (length(rule) BETWEEN 1 AND 200),
    subject               text        NOT NULL DEFAULT '',
    status                text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
    raised_at             timestamptz NOT NULL DEFAULT now(),
    acknowledged_at       timestamptz,
    acknowledged_by       bigint      REFERENCES users (id),
    closed_at             timestamptz,
    closed_by             bigint      REFERENCES users (id),
    closing_signature_id  bigint      REFERENCES signatures (id),
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
    CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
    CHECK (status <> 'closed' OR closing_signature_id IS NOT NULL)
);
CREATE INDEX deviations_journey ON deviations (journey_id);
CREATE INDEX deviations_open ON deviations (status) WHERE status <> 'closed';
CREATE UNIQUE INDEX deviations_raised_once ON deviations (journey_id, code, rule, subject) WHERE event_id IS NULL;

-- The lifecycle of each deviation, append-only: raised, acknowledged, commented, closed.
CREATE TABLE deviation_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deviation_id  bigint      NOT NULL REFERENCES deviations (id),
    action        text        NOT NULL CHECK (action IN ('raised', 'acknowledged', 'commented', 'closed')),
    user_id       bigint      REFERENCES users (id),
    note          text,
    signature_id  bigint      REFERENCES signatures (id),
    at            timestamptz NOT NULL DEFAULT now(),
    CHECK (action <> 'closed' OR signature_id IS NOT NULL)
);
CREATE INDEX deviation_events_deviation ON deviation_events (deviation_id);

-- Temperature readings as received (logger files, manual entries, stations): original data,
-- append-only like events.
CREATE TABLE temperature_readings (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id        bigint        REFERENCES units (id),
    journey_id     bigint        REFERENCES journeys (id),
    logger_serial  text          NOT NULL CHECK (length(btrim(logger_serial)) BETWEEN 1 AND 100),
    taken_at       timestamptz   NOT NULL,
    celsius        numeric(6, 2) NOT NULL CHECK (celsius BETWEEN -273.15 AND 1000),
    source         text          NOT NULL CHECK (source IN ('logger_file', 'manual', 'station')),
    recorded_at    timestamptz   NOT NULL DEFAULT now(),
    CHECK (unit_id IS NOT NULL OR journey_id IS NOT NULL)
);
CREATE INDEX temperature_readings_unit ON temperature_readings (unit_id, taken_at);
CREATE INDEX temperature_readings_journey ON temperature_readings (journey_id, taken_at);

-- Idempotency keys (DESIGN.md: replaying a key returns the first answer and records nothing
-- new). The key is global; principal and request_hash (SHA-256 of the request) must match on a
-- replay, else the request conflicts. response is text, not jsonb, so that a replay returns the
-- very bytes of the first answer.
CREATE TABLE idempotency (
    key           text        PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    principal     text        NOT NULL,
    request_hash  bytea       NOT NULL CHECK (length(request_hash) = 32),
    response      text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- The append-only guard: any UPDATE, DELETE or TRUNCATE is an error, whoever runs it.
CREATE FUNCTION refuse_change_to_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % refused (correct with a new record instead)', TG_TABLE_NAME, TG_OP
        USING HINT = 'events, deviation_events, signatures and temperature_readings are never changed or deleted';
END;
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER deviation_events_append_only BEFORE UPDATE OR DELETE ON deviation_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER deviation_events_no_truncate BEFORE TRUNCATE ON deviation_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER signatures_append_only BEFORE UPDATE OR DELETE ON signatures
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER signatures_no_truncate BEFORE TRUNCATE ON signatures
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER temperature_readings_append_only BEFORE UPDATE OR DELETE ON temperature_readings
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER temperature_readings_no_truncate BEFORE TRUNCATE ON temperature_readings
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- The application role. The server logs in as the database owner (or any role that is a member
-- of celljourney_app) and runs `SET ROLE celljourney_app` right after connecting: from then on
-- the connection holds only the privileges below, so that no bug can UPDATE or DELETE an
-- audit row even with the trigger gone. Migrations run without the SET ROLE (as the owner).
-- For a real separation of duties in production, the server's login role should be a plain
-- member of celljourney_app (not the owner), so that it cannot RESET ROLE back to more.
-- Roles are per cluster: created here only when missing (a DBA may create it beforehand when
-- the migrating user may not create roles), and the migrating user joins it so it can SET ROLE.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'celljourney_app') THEN
        BEGIN
            CREATE ROLE celljourney_app NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created meanwhile by a migration of another database in the same cluster
        END;
    END IF;
    IF NOT pg_has_role(current_user, 'celljourney_app', 'MEMBER') THEN
        EXECUTE format('GRANT celljourney_app TO %I', current_user);
    END IF;
END;
$$;

-- Append-only tables (admin_log is 0002's): read and add, nothing else.
GRANT SELECT, INSERT ON events, deviation_events, signatures, temperature_readings, admin_log TO celljourney_app;
-- Idempotency keys: read and add; DELETE to purge expired keys.
GRANT SELECT, INSERT, DELETE ON idempotency TO celljourney_app;
-- Mutable state: read, add and update (journeys' status and chain head, deviations' status,
-- the COI counters); no DELETE (no hard deletes: regulatory.md §2).
GRANT SELECT, INSERT, UPDATE ON patients, journeys, units, deviations, coi_sequences TO celljourney_app;
-- The tables of 0001 and 0002.
GRANT SELECT ON schema_migrations TO celljourney_app;
GRANT SELECT, INSERT, UPDATE ON sites, settings, users, user_site_roles, stations, qualifications TO celljourney_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO celljourney_app;
GRANT DELETE ON user_site_roles TO celljourney_app;
