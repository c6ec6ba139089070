-- 0009: what the safety rules of issue 12 make visible.
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- journeys.status now follows the journey's events (server/board/projection.h writes it with the
-- board row, in the same transaction): 'returned' joins the statuses.
ALTER TABLE journeys DROP CONSTRAINT journeys_status_check;
ALTER TABLE journeys ADD CONSTRAINT journeys_status_check
    CHECK (status IN ('active', 'completed', 'disposed', 'returned', 'on_hold'));

-- The board row shows the journey's hold, each bag (dose, state, hold) and every running clock.
ALTER TABLE board_rows
    ADD COLUMN hold   jsonb NULL,                   -- {"reason", "since", "event_id"} or NULL
    ADD COLUMN bags   jsonb NOT NULL DEFAULT '[]',  -- [{"unit", "kind", "dose", "colour", "state", "hold"}]
    ADD COLUMN clocks jsonb NOT NULL DEFAULT '[]';  -- [{"step", "unit", "rule", "from", "anchor_missing", "started_at", "due_by"}]
