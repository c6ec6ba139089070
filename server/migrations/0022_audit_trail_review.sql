-- 0022: the audit trail review (issue 18, part 2; docs/quality.md "The audit trail review").
-- Never edit this file once it has landed: add a new numbered migration.
--
-- GET /api/v1/audit/trail reads every recorded action newest first, one source at a time
-- (server/trail/trail_store.cpp), each source by its time and id, and merges them. These
-- indexes let each source be read backwards from a cursor, or from a date, without a sort:
-- a page of 100 out of millions of events reads about 100 rows of each source.
CREATE INDEX events_recorded ON events (recorded_at, id);
CREATE INDEX deviation_events_at ON deviation_events (at, id);
CREATE INDEX signatures_signed ON signatures (signed_at, id);
CREATE INDEX label_prints_requested ON label_prints (requested_at, id);
CREATE INDEX admin_log_at ON admin_log (at, id);
-- A person's own records: the events they took part in (operators, first the one doing it,
-- then a witness) and the administration entries they made.
CREATE INDEX events_operators ON events USING gin (operators);
CREATE INDEX admin_log_actor ON admin_log (actor, at, id);
