-- 0021: the board orders by the nearest deadline or planned date (docs/board.md): each row keeps
-- its journey's next planned date (server/board/next_planned.h): the item of the newest plan due
-- first among those whose step is not yet recorded, when that step is due.
-- Never edit this file once it has landed: add a new numbered migration instead.

ALTER TABLE board_rows
    ADD COLUMN planned_at   timestamptz,
    ADD COLUMN planned_kind text,
    ADD COLUMN planned_step text,
    ADD CONSTRAINT board_rows_planned_whole CHECK ((planned_at IS NULL) = (planned_kind IS NULL)
                                                   AND (planned_at IS NULL) = (planned_step IS NULL));

-- Rows written before this migration, from the plans made so far (the kinds' steps and due
-- times as workflows/schedule_rules.cpp has them today; every later refresh computes them there).
WITH k (kind, step, at_end) AS (VALUES ('apheresis', 'apheresis.collect', true),
                                       ('manufacturing', 'manufacturing.release', true),
                                       ('shipment', 'product.ship', false),
                                       ('lymphodepletion', 'lymphodepletion.end', true),
                                       ('infusion', 'infusion.start', false)),
     due AS (SELECT DISTINCT ON (c.journey_id) c.journey_id, c.kind, k.step,
                    CASE WHEN k.at_end THEN coalesce(c.ends_at, c.starts_at) ELSE c.starts_at END AS at
               FROM current_plan_items c JOIN k ON k.kind = c.kind
              WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.journey_id = c.journey_id AND e.step = k.step
                                AND e.decision = 'accepted')
              ORDER BY c.journey_id, 4, c.kind)
UPDATE board_rows b SET planned_at = due.at, planned_kind = due.kind, planned_step = due.step
  FROM due WHERE due.journey_id = b.journey_id;
