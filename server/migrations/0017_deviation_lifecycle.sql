-- 0017: the deviation lifecycle to CAPA and a signed closure (issue 18, part 1; docs/quality.md
-- "Deviations and CAPA"). Never edit this file once it has landed: add a new numbered migration.
--
-- A deviation now moves open -> acknowledged (an owner assigned) -> capa (the investigation's
-- root cause recorded) -> disposition (every CAPA action closed, or a minor one's CAPA skipped
-- with a reason) -> closed (the product's disposition recorded, then QA's signature); a closed
-- one is reopened with a reason to investigating, where the investigation is recorded again.
--
-- What each step recorded is NOT a mutable column: it is the step's deviation_events row
-- (append-only since 0003), its structured part in details (the root cause, an action with its
-- owner and due date, an action's closing note, the disposition), and that row is a fact of the
-- journey's fact chain like every deviation step (server/journal/facts_sql.h puts details in the
-- fact when it is not null, so facts hashed before this migration read as they were). The
-- deviation row keeps only where it stands: status and owner_id, both in the fact's "state".
-- The server reads the investigation, the actions and the disposition back from the events
-- (server/deviations/lifecycle.cpp).

ALTER TABLE deviations DROP CONSTRAINT deviations_status_check;
ALTER TABLE deviations ADD CONSTRAINT deviations_status_check
    CHECK (status IN ('open', 'acknowledged', 'investigating', 'capa', 'disposition', 'closed'));
-- The person answerable for the deviation (set at acknowledgement, reassigned with a reason).
-- Deviations acknowledged before 0017 have none until reassigned.
ALTER TABLE deviations ADD COLUMN owner_id bigint REFERENCES users (id);
CREATE INDEX deviations_owner ON deviations (owner_id) WHERE status <> 'closed';

ALTER TABLE deviation_events DROP CONSTRAINT deviation_events_action_check;
ALTER TABLE deviation_events ADD CONSTRAINT deviation_events_action_check
    CHECK (action IN ('raised', 'acknowledged', 'commented', 'closed', 'assigned', 'investigated', 'action_added',
                      'action_closed', 'capa_completed', 'capa_skipped', 'disposed', 'reopened'));
ALTER TABLE deviation_events ADD COLUMN details jsonb
    CHECK (details IS NULL OR jsonb_typeof(details) = 'object');
-- Every step but the raise names a person, and says why (a reopen or a reassignment above all).
ALTER TABLE deviation_events ADD CONSTRAINT deviation_events_why
    CHECK (action NOT IN ('assigned', 'capa_skipped', 'reopened') OR length(btrim(note)) >= 1);

ALTER TABLE journey_facts DROP CONSTRAINT journey_facts_kind_check;
ALTER TABLE journey_facts ADD CONSTRAINT journey_facts_kind_check
    CHECK (kind IN ('journey.created', 'unit.registered', 'deviation.raised', 'deviation.acknowledged',
                    'deviation.commented', 'deviation.closed', 'deviation.assigned', 'deviation.investigated',
                    'deviation.action_added', 'deviation.action_closed', 'deviation.capa_completed',
                    'deviation.capa_skipped', 'deviation.disposed', 'deviation.reopened'));

GRANT UPDATE (owner_id) ON deviations TO celljourney_app;
