-- The SQL of one POST /api/v1/scans, statement for statement, for pgbench (-M prepared: one
-- round trip per statement, each a named statement prepared once per connection, as the
-- server's db::exec does, server/db/statement.h; --pgbench-mode extended re-plans each one, as
-- exec_params did). The ceiling the server is measured against: the same database work with no
-- HTTP, JSON, rules engine or feed delivery around it.
-- celljourney-ingest runs it; see docs/performance.md.
--
-- Where each statement comes from:
--   server/auth/authenticate.cpp     station_principal (its own read-only transaction)
--   server/journal/idempotency.cpp   with_idempotency: advisory lock, key lookup, key insert
--   server/scans/record_step.cpp     find_journey; then lock, load, rules, operators, append, notify
--   server/journal/append_event.cpp  lock_journey, the chain head, clock, event insert, head update
--   server/journal/load_journey.cpp  the journey, its units, ALL its events, its open deviations
--   server/rules/site_rules.cpp      read_site_rules (the parsed definition is cached in-process)
--   server/scans/operator_context.cpp roles at the site, qualifications
--   server/board/projection.cpp      the board row upsert and its feed notice (same transaction;
--                                    the row's values are those of a repeated apheresis.collect,
--                                    the notice has the event notice's payload as its stand-in)
--
-- Variables (-D, set by celljourney-ingest from a real scan of the HTTP run, so that rows and
-- payloads have their real sizes): first_journey, per_client and client_stride (each client
-- picks among per_client journeys of its own, as each HTTP client cycles through its own, so
-- that no lock is shared between clients; client_stride 0: all share journey first_journey, as
-- with --one-journey), site_id, station_id,
-- station, key_hash, operators, scans, data, units, decision, canonical, principal, response,
-- payload, occurred_at, time_format, day_format.
-- The time formats are variables too: pgbench would take the minutes part of a literal format
-- for a variable reference.

\set jid :first_journey + :client_id * :client_stride + random(0, :per_client - 1)
\set r random(1, 9000000000000000000)

BEGIN READ ONLY;
SELECT id, code, site_id, revoked_at IS NOT NULL FROM stations WHERE key_hash = decode(:key_hash, 'hex');
COMMIT;

BEGIN;
SELECT pg_advisory_xact_lock(1128950116, hashtext('pgbench-' || :r::text));
SELECT principal, encode(request_hash, 'hex'), response FROM idempotency WHERE key = 'pgbench-' || :r::text;
-- The server finds the journey by the COI in the scan; pgbench knows only its id: the inner
-- SELECT stands in for the client's COI (same round trip, one more index probe).
SELECT id, site_id FROM journeys WHERE coi = (SELECT coi FROM journeys WHERE id = :jid);
SELECT 1 FROM journeys WHERE id = :jid FOR UPDATE;
SELECT j.id, j.coi, j.product, j.site_id, j.patient_id, j.status, to_char(j.created_at AT TIME ZONE 'UTC', :time_format),
       j.created_by, j.chain_seq, coalesce(p.wristband, p.mrn)
  FROM journeys j JOIN patients p ON p.id = j.patient_id WHERE j.id = :jid;
SELECT kind, din, product_code, external_id, to_char(expires_at AT TIME ZONE 'UTC', :day_format), dose, colour
  FROM units WHERE journey_id = :jid ORDER BY id;
SELECT id, seq, step, to_char(occurred_at AT TIME ZONE 'UTC', :day_format),
       to_char(recorded_at AT TIME ZONE 'UTC', :time_format), station_id, station, to_jsonb(operators)::text,
       to_jsonb(scans)::text, data::text, to_jsonb(units)::text, decision, decision_json::text, corrects_event_id,
       correction_reason, idempotency_key
  FROM events WHERE journey_id = :jid ORDER BY seq;
SELECT id, event_id, code, severity, message, rule, subject, status, to_char(raised_at AT TIME ZONE 'UTC', :time_format)
  FROM deviations WHERE journey_id = :jid AND status <> 'closed' ORDER BY id;
SELECT s.code, r.yaml, to_char(r.updated_at AT TIME ZONE 'UTC', :time_format), u.username
  FROM site_rules r JOIN sites s ON s.id = r.site_id LEFT JOIN users u ON u.id = r.updated_by WHERE r.site_id = :site_id;
SELECT u.username, r.role FROM users u LEFT JOIN user_site_roles r ON r.user_id = u.id AND r.site_id = :site_id
  WHERE u.active AND u.username IN (SELECT jsonb_array_elements_text(:operators::jsonb)) ORDER BY 1, 2;
SELECT u.username, q.qualification, iso_utc(q.valid_from), iso_utc(q.valid_until) FROM users u
  JOIN qualifications q ON q.user_id = u.id
  WHERE u.active AND u.username IN (SELECT jsonb_array_elements_text(:operators::jsonb)) ORDER BY 1, 2, 3;
SELECT coi, chain_seq AS seq, encode(chain_head, 'hex') AS head FROM journeys WHERE id = :jid FOR UPDATE \gset
SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', :time_format) AS recorded_at \gset
INSERT INTO events (journey_id, seq, step, occurred_at, recorded_at, station_id, station, operators, scans, data, units,
                    decision, decision_json, corrects_event_id, correction_reason, idempotency_key, canonical,
                    prev_hash, hash)
  VALUES (:jid, :seq + 1, 'apheresis.collect', :occurred_at::timestamptz, :recorded_at::timestamptz,
          :station_id::bigint, :station, ARRAY(SELECT jsonb_array_elements_text(:operators::jsonb)),
          ARRAY(SELECT jsonb_array_elements_text(:scans::jsonb)), :data::jsonb,
          ARRAY(SELECT jsonb_array_elements_text(:units::jsonb)), 'accepted', :decision::jsonb, NULL, NULL,
          'pgbench-' || :r::text, :canonical, decode(:head, 'hex'),
          sha256(decode(:head, 'hex') || convert_to(:canonical, 'UTF8')))
  RETURNING id AS new_event_id, encode(hash, 'hex') AS new_head \gset
UPDATE journeys SET chain_seq = :seq + 1, chain_head = decode(:new_head, 'hex') WHERE id = :jid;
SELECT pg_notify('celljourney_feed', :payload);
INSERT INTO board_rows AS b (journey_id, site_id, product, status, stage_index, stage_step, stage_since, rules_ok,
                             next_step, due_by, next_steps, deviations_open, deviation_codes, last_event_id,
                             last_event_at, updated_at)
  VALUES (:jid, :site_id, 'kymriah', 'active', 2, 'apheresis.collect', :occurred_at::timestamptz, true,
          'apheresis.label', NULL::timestamptz, jsonb_build_array(jsonb_build_object('step', 'apheresis.label'))::text::jsonb,
          0, ARRAY(SELECT jsonb_array_elements_text('[]'::jsonb)), :new_event_id::bigint, :recorded_at::timestamptz, now())
  ON CONFLICT (journey_id) DO UPDATE SET site_id = EXCLUDED.site_id, product = EXCLUDED.product,
    status = EXCLUDED.status, stage_index = EXCLUDED.stage_index, stage_step = EXCLUDED.stage_step,
    stage_since = EXCLUDED.stage_since, rules_ok = EXCLUDED.rules_ok, next_step = EXCLUDED.next_step,
    due_by = EXCLUDED.due_by, next_steps = EXCLUDED.next_steps, deviations_open = EXCLUDED.deviations_open,
    deviation_codes = EXCLUDED.deviation_codes, last_event_id = EXCLUDED.last_event_id,
    last_event_at = EXCLUDED.last_event_at, updated_at = now()
  RETURNING iso_utc(b.stage_since), iso_utc(b.due_by), iso_utc(b.updated_at), (SELECT code FROM sites WHERE id = b.site_id);
SELECT pg_notify('celljourney_feed', :payload);
INSERT INTO idempotency (key, principal, request_hash, response)
  VALUES ('pgbench-' || :r::text, :principal, sha256(convert_to('pgbench-' || :r::text, 'UTF8')), :response);
COMMIT;
