-- 0010: near misses (issue 12, part 3; docs/deviations.md "Near misses"): a refused scan that
-- named ANOTHER patient's COI, wristband or bag. The refused event stays in the journal as
-- before (0003); this row is what QA reviews, counted in the deviation statistics.
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- Written by server/near_misses/near_miss_store.cpp in the SAME transaction that appends the
-- refused event (server/scans/record_step.cpp), so a near miss exists exactly when its
-- refusal does; one per refused event (event_id UNIQUE), and replaying a scan's idempotency key
-- appends nothing, so it records nothing either.
--
-- What is copied from the event, and what is not (regulatory.md §5 ALCOA+, minimum data):
--  - journey, site, station, operators, the step and occurred_at are the event's own, copied so
--    that QA's inbox and the statistics read one table; they never change.
--  - this journey's identity is its COI (journey_id -> journeys.coi). The patient's own
--    wristband text (their MRN, often) is NOT copied: wristband_mismatch records only the fact
--    that a wristband scanned with the event did not match this journey's patient.
--  - the foreign identity scanned: its kind, the position of its scan in events.scans (1-based,
--    like PostgreSQL arrays: events.scans[foreign_scan] is the raw text as read) and, for a COI
--    or a unit (DIN, or a non-ISBT unit label), the identifier read from it. For a wristband,
--    foreign_value is NULL: another patient's wristband text is a patient identifier, held once,
--    by the event; the other journey (when known here) names the patient by COI instead.
--  - other_identities: further foreign identities of the same scan set ([{"kind", "code",
--    "scan", "value"}], value null for a wristband), e.g. the DIN next to a foreign COI.
--  - other_journey_id: the journey the foreign COI, DIN, unit label or wristband belongs to, when
--    this server knows exactly one (a COI or DIN anywhere; a wristband among the patients of
--    the same site); NULL when unknown or ambiguous.
--
-- Review: reviewed_at, reviewed_by and review_note are set together, once (QA's review with a
-- note); a trigger refuses any other change, a second review, DELETE and TRUNCATE, and the
-- application role may UPDATE only those three columns.
CREATE TABLE near_misses (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id            bigint      NOT NULL UNIQUE REFERENCES events (id),
    journey_id          bigint      NOT NULL REFERENCES journeys (id),
    site_id             bigint      NOT NULL REFERENCES sites (id),
    station_id          bigint      REFERENCES stations (id),  -- NULL: recorded at a desk without a station
    operators           text[]      NOT NULL,
    step                text        NOT NULL CHECK (length(step) BETWEEN 1 AND 100),
    -- The refusal that makes it a near miss (the first of the near-miss codes the event was
    -- refused with: server/near_misses/foreign_identity.h, kNearMissCodes).
    code                text        NOT NULL CHECK (code ~ '^[A-Z][A-Z_]{0,63}$'),
    foreign_kind        text        NOT NULL CHECK (foreign_kind IN ('coi', 'wristband', 'unit')),
    foreign_scan        integer     NOT NULL CHECK (foreign_scan >= 1),
    foreign_value       text        CHECK (length(foreign_value) BETWEEN 1 AND 512),
    other_identities    jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(other_identities) = 'array'),
    wristband_mismatch  boolean     NOT NULL,
    other_journey_id    bigint      REFERENCES journeys (id),
    occurred_at         timestamptz NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    reviewed_at         timestamptz,
    reviewed_by         bigint      REFERENCES users (id),
    review_note         text        CHECK (length(btrim(review_note)) BETWEEN 1 AND 2000),
    -- A wristband is never copied; a COI or unit always names what was read.
    CHECK ((foreign_kind = 'wristband') = (foreign_value IS NULL)),
    CHECK (other_journey_id IS DISTINCT FROM journey_id),
    CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL)),
    CHECK ((reviewed_at IS NULL) = (review_note IS NULL))
);
CREATE INDEX near_misses_site ON near_misses (site_id, recorded_at DESC);
CREATE INDEX near_misses_journey ON near_misses (journey_id);
CREATE INDEX near_misses_unreviewed ON near_misses (site_id) WHERE reviewed_at IS NULL;

-- Reviewed once; nothing else ever changes, nothing is deleted.
CREATE FUNCTION near_misses_review_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'near_misses: % refused (a near miss is never deleted)', TG_OP;
    END IF;
    IF OLD.reviewed_at IS NOT NULL THEN
        RAISE EXCEPTION 'near miss % was already reviewed: a review is recorded once', OLD.id;
    END IF;
    IF NEW.reviewed_at IS NULL
       OR (NEW.id, NEW.event_id, NEW.journey_id, NEW.site_id, NEW.station_id, NEW.operators, NEW.step, NEW.code,
           NEW.foreign_kind, NEW.foreign_scan, NEW.foreign_value, NEW.other_identities, NEW.wristband_mismatch,
           NEW.other_journey_id, NEW.occurred_at, NEW.recorded_at)
          IS DISTINCT FROM
          (OLD.id, OLD.event_id, OLD.journey_id, OLD.site_id, OLD.station_id, OLD.operators, OLD.step, OLD.code,
           OLD.foreign_kind, OLD.foreign_scan, OLD.foreign_value, OLD.other_identities, OLD.wristband_mismatch,
           OLD.other_journey_id, OLD.occurred_at, OLD.recorded_at) THEN
        RAISE EXCEPTION 'near miss %: only its review (reviewed_at, reviewed_by, review_note) may be set', OLD.id;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER near_misses_review_once BEFORE UPDATE OR DELETE ON near_misses
    FOR EACH ROW EXECUTE FUNCTION near_misses_review_once();
CREATE TRIGGER near_misses_no_truncate BEFORE TRUNCATE ON near_misses
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

GRANT SELECT, INSERT ON near_misses TO celljourney_app;
GRANT UPDATE (reviewed_at, reviewed_by, review_note) ON near_misses TO celljourney_app;
