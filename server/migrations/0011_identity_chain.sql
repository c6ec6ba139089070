-- 0011: identity and custody in the chain, the administration chain, signed checkpoints and a
-- server login role with least privilege (docs/security.md, docs/audit.md).
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- Until 0011 only the events were chained: a superuser could change a patient's MRN, swap a
-- journey's patient, change a unit's DIN or a journey's product, close a deviation or edit the
-- administration log, and `audit verify` saw nothing. Now:
--  - journey_facts: a second hash chain per journey, of the facts identity and custody rest on:
--    the journey's creation (COI, product, site, patient and the patient's identifiers as
--    salted SHA-256), every unit registered, every deviation lifecycle step with its signature.
--    Each fact's canonical is a JSON document built from the rows it states
--    (server/journal/facts.cpp); verify rebuilds it from the live rows and compares.
--  - admin_log rows are chained in one chain of their own (chain_seq, prev_hash, hash).
--  - checkpoints: all chain heads, signed with the centre's Ed25519 key, so that deleting a
--    whole journey, or the last links of a chain together with its head, is noticed too.
-- Rows from before this migration are chained below, in the order they were written.

CREATE TABLE journey_facts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journey_id   bigint      NOT NULL REFERENCES journeys (id),
    seq          integer     NOT NULL CHECK (seq >= 1),
    kind         text        NOT NULL CHECK (kind IN ('journey.created', 'unit.registered', 'deviation.raised',
                                                      'deviation.acknowledged', 'deviation.commented', 'deviation.closed')),
    subject_id   bigint      NOT NULL,  -- journeys.id, units.id or deviation_events.id, by kind
    canonical    text        NOT NULL,
    prev_hash    bytea       NOT NULL CHECK (length(prev_hash) = 32),
    hash         bytea       NOT NULL CHECK (length(hash) = 32),
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (journey_id, seq),
    UNIQUE (kind, subject_id)
);
ALTER TABLE journeys
    ADD COLUMN facts_seq  integer NOT NULL DEFAULT 0 CHECK (facts_seq >= 0),
    ADD COLUMN facts_head bytea   NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'
                                  CHECK (length(facts_head) = 32);

-- The administration chain: chain_seq 1, 2, 3... in the order rows were written.
ALTER TABLE admin_log
    ADD COLUMN chain_seq  bigint UNIQUE CHECK (chain_seq >= 1),
    ADD COLUMN canonical  text,
    ADD COLUMN prev_hash  bytea CHECK (length(prev_hash) = 32),
    ADD COLUMN hash       bytea CHECK (length(hash) = 32);
-- Its head: one row, locked by each append (admin changes and login attempts queue on it).
CREATE TABLE admin_chain_head (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq        bigint  NOT NULL DEFAULT 0 CHECK (seq >= 0),
    head       bytea   NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'
                       CHECK (length(head) = 32)
);
INSERT INTO admin_chain_head DEFAULT VALUES;

-- Signed checkpoints: body is the canonical JSON of every chain head (server/journal/
-- checkpoint.cpp), signature the detached Ed25519 signature of body by public_key (base64).
CREATE TABLE checkpoints (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    taken_at     timestamptz NOT NULL DEFAULT now(),
    body         text        NOT NULL,
    signature    bytea       NOT NULL CHECK (length(signature) = 64),
    public_key   bytea       NOT NULL CHECK (length(public_key) = 32),
    taken_by     text        NOT NULL
);

CREATE TRIGGER journey_facts_append_only BEFORE UPDATE OR DELETE ON journey_facts
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER journey_facts_no_truncate BEFORE TRUNCATE ON journey_facts
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- --- The rows written before 0011, chained now -----------------------------------------------
-- The bodies are the same JSON documents server/journal/facts.cpp builds (verify compares by
-- value, so jsonb's text form is as good as ours), hashed the same way: SHA-256(prev || text).
DO $$
DECLARE
    j record;
    f record;
    a record;
    prev bytea;
    n integer;
    zero constant bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
BEGIN
    -- admin_log_is_append_only refuses the UPDATE below; this one-time backfill is the exception.
    ALTER TABLE admin_log DISABLE TRIGGER admin_log_append_only;
    prev := zero;
    n := 0;
    FOR a IN SELECT l.id, row_number() OVER (ORDER BY l.id) AS seq,
                    jsonb_build_object('seq', row_number() OVER (ORDER BY l.id), 'at', iso_utc(l.at), 'actor', l.actor, 'action', l.action,
                                             'subject', l.subject, 'details', l.details)::text AS body
             FROM admin_log l ORDER BY l.id LOOP
        n := a.seq;
        UPDATE admin_log SET chain_seq = n, canonical = a.body, prev_hash = prev,
                             hash = sha256(prev || convert_to(a.body, 'UTF8'))
        WHERE id = a.id RETURNING hash INTO prev;
    END LOOP;
    UPDATE admin_chain_head SET seq = n, head = prev;
    ALTER TABLE admin_log ENABLE TRIGGER admin_log_append_only;

    FOR j IN SELECT id FROM journeys ORDER BY id LOOP
        prev := zero;
        n := 0;
        FOR f IN
            SELECT 0 AS ord, 'journey.created' AS kind, jj.id AS subject_id, jsonb_build_object(
                       'coi', jj.coi, 'product', jj.product, 'site_id', jj.site_id, 'patient_id', jj.patient_id,
                       'created_by', jj.created_by, 'created_at', iso_utc(jj.created_at),
                       'initials', p.initials,
                       'mrn_sha256', encode(sha256(convert_to(jj.coi || ':' || p.mrn, 'UTF8')), 'hex'),
                       'date_of_birth_sha256', encode(sha256(convert_to(jj.coi || ':' || to_char(p.date_of_birth, 'YYYY-MM-DD'), 'UTF8')), 'hex'),
                       'wristband_sha256', encode(sha256(convert_to(jj.coi || ':' || p.wristband, 'UTF8')), 'hex'))::text AS body
            FROM journeys jj JOIN patients p ON p.id = jj.patient_id WHERE jj.id = j.id
            UNION ALL
            SELECT 1, 'unit.registered', u.id, jsonb_build_object(
                       'unit_id', u.id, 'journey_id', u.journey_id, 'kind', u.kind, 'din', u.din,
                       'product_code', u.product_code, 'division', u.division, 'external_id', u.external_id,
                       'parent_unit_id', u.parent_unit_id, 'expires_at', iso_utc(u.expires_at), 'dose', u.dose,
                       'colour', u.colour, 'registered_at', iso_utc(u.registered_at))::text
            FROM units u WHERE u.journey_id = j.id
            UNION ALL
            SELECT 2, 'deviation.' || de.action, de.id, jsonb_build_object(
                       'deviation_event_id', de.id, 'action', de.action, 'user_id', de.user_id, 'note', de.note,
                       'at', iso_utc(de.at),
                       'signature', CASE WHEN s.id IS NULL THEN NULL ELSE jsonb_build_object(
                           'id', s.id, 'user_id', s.user_id, 'signer_name', s.signer_name, 'meaning', s.meaning,
                           'reason', s.reason, 'signed_hash', encode(s.signed_hash, 'hex'),
                           'signed_at', iso_utc(s.signed_at)) END,
                       'deviation', jsonb_build_object(
                           'id', d.id, 'journey_id', d.journey_id, 'event_id', d.event_id, 'code', d.code,
                           'severity', d.severity, 'rule', d.rule, 'subject', d.subject, 'message', d.message,
                           'raised_at', iso_utc(d.raised_at)),
                       'state', jsonb_build_object(
                           'status', d.status, 'acknowledged_by', d.acknowledged_by,
                           'acknowledged_at', iso_utc(d.acknowledged_at), 'closed_by', d.closed_by,
                           'closed_at', iso_utc(d.closed_at), 'closing_signature_id', d.closing_signature_id))::text
            FROM deviation_events de JOIN deviations d ON d.id = de.deviation_id
                 LEFT JOIN signatures s ON s.id = de.signature_id
            WHERE d.journey_id = j.id
            ORDER BY 1, 3
        LOOP
            n := n + 1;
            INSERT INTO journey_facts (journey_id, seq, kind, subject_id, canonical, prev_hash, hash)
            VALUES (j.id, n, f.kind, f.subject_id, f.body, prev, sha256(prev || convert_to(f.body, 'UTF8')))
            RETURNING hash INTO prev;
        END LOOP;
        UPDATE journeys SET facts_seq = n, facts_head = prev WHERE id = j.id;
    END LOOP;
END;
$$;

-- --- Least privilege ----------------------------------------------------------------------
-- The server's login role: owns nothing, a plain member of celljourney_app (it cannot SET ROLE
-- to anything more, and RESET ROLE leaves it with celljourney_app's rights), no superuser,
-- no CREATEROLE/CREATEDB/REPLICATION/BYPASSRLS. Migrations keep running as the owner. A DBA
-- gives it a password (ALTER ROLE celljourney_server PASSWORD ...) for servers reached over TCP.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'celljourney_server') THEN
        BEGIN
            CREATE ROLE celljourney_server LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
                INHERIT IN ROLE celljourney_app;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created meanwhile by a migration of another database in the same cluster
        END;
    END IF;
END;
$$;

-- The new chains: read and add; the heads move forward.
GRANT SELECT, INSERT ON journey_facts, checkpoints TO celljourney_app;
GRANT SELECT ON admin_chain_head TO celljourney_app;
GRANT UPDATE (seq, head) ON admin_chain_head TO celljourney_app;
-- Identity never changes after it is written: no UPDATE on patients and units; on journeys only
-- the status and the two chain heads, on deviations only the lifecycle columns.
REVOKE UPDATE ON patients, units, journeys, deviations FROM celljourney_app;
GRANT UPDATE (status, chain_seq, chain_head, facts_seq, facts_head) ON journeys TO celljourney_app;
GRANT UPDATE (status, acknowledged_at, acknowledged_by, closed_at, closed_by, closing_signature_id)
    ON deviations TO celljourney_app;
