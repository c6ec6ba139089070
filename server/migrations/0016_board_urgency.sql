-- 0016: the board's order and words for a coordinator's whole day (docs/board.md): most urgent
-- first is overdue, then open critical or major deviations, then the nearest due time; the
-- progress line shows the stages that happened (not every stage below the current one). (The
-- site's time zone the pages show its times in is sites.time_zone, from 0014.)
-- Never edit this file once it has landed: add a new numbered migration instead.

-- Open deviations of severity critical or major (deviations_open counts all of them), and the
-- core stages with an accepted event, one bit per stage (bit 0 = stage 1; 13 stages).
ALTER TABLE board_rows
    ADD COLUMN severe_open integer NOT NULL DEFAULT 0 CHECK (severe_open >= 0),
    ADD COLUMN stages_done integer NOT NULL DEFAULT 0 CHECK (stages_done >= 0);

-- Rows written before this migration: their severe count from the deviations table, and every
-- stage up to the one reached (what the board showed until now); the next refresh of each
-- journey writes the exact stages.
UPDATE board_rows b SET
    severe_open = (SELECT count(*) FROM deviations d
                   WHERE d.journey_id = b.journey_id AND d.status <> 'closed' AND d.severity IN ('critical', 'major')),
    stages_done = (1 << b.stage_index) - 1;
