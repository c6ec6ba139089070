-- 0006: the coordinator board's projection: one row per journey with what the board shows
-- (stage reached, next deadline, open deviations, last event), so that GET /api/v1/board
-- reads one indexed table instead of every journey's history (issue 7: 10,000 active
-- journeys under 50 ms at the server).
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- Derived data, never a source of truth: server/board/projection.h rewrites a journey's row
-- from its journal in the SAME transaction that appends an event, raises, acknowledges or
-- closes a deviation, or creates the journey, so the row never disagrees with the journal. A
-- row can always be recomputed (the server fills missing rows at start). `overdue` is not
-- stored: it is due_by < now at query time.
CREATE TABLE board_rows (
    journey_id       bigint      PRIMARY KEY REFERENCES journeys (id),
    site_id          bigint      NOT NULL REFERENCES sites (id),
    product          text        NOT NULL,
    -- active, on_hold: on the board; completed, returned, disposed: off it.
    status           text        NOT NULL CHECK (status IN ('active', 'on_hold', 'completed', 'returned', 'disposed')),
    stage_index      integer     NOT NULL CHECK (stage_index BETWEEN 0 AND 13),  -- 0: no core step yet
    stage_step       text        NULL,
    stage_since      timestamptz NOT NULL,
    rules_ok         boolean     NOT NULL,   -- false: the site's rules do not load the product
    next_step        text        NULL,       -- the most urgent expected step
    due_by           timestamptz NULL,       -- its due time (the earliest of all open obligations)
    next_steps       jsonb       NOT NULL DEFAULT '[]',  -- every expected step [{"step", "due_by"?}]
    -- The sort key of "most urgent first": overdue and soonest due first, no deadline last.
    sort_due         timestamptz GENERATED ALWAYS AS (coalesce(due_by, 'infinity'::timestamptz)) STORED,
    deviations_open  integer     NOT NULL DEFAULT 0,
    deviation_codes  text[]      NOT NULL DEFAULT '{}',
    last_event_id    bigint      NULL,
    last_event_at    timestamptz NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The board's order (sort_due, newest journey first) over the rows on it; keyset paging
-- compares (sort_due, -journey_id) with the cursor's.
CREATE INDEX board_rows_urgency ON board_rows (sort_due, (-journey_id)) WHERE status IN ('active', 'on_hold');
CREATE INDEX board_rows_site_urgency ON board_rows (site_id, sort_due, (-journey_id))
    WHERE status IN ('active', 'on_hold');

GRANT SELECT, INSERT, UPDATE ON board_rows TO celljourney_app;
