-- 0016: the board's order and words for a coordinator's whole day (docs/board.md): most urgent
-- first is overdue, then open critical or major deviations, then the nearest due time; the
-- progress line shows the stages that happened (not every stage below the current one); times
-- are shown in each site's own time zone.
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

-- The site's IANA time zone ("Europe/Berlin"), for every time the pages show of its journeys.
-- NULL: the installation's labels.time_zone setting, else the PC's own zone in the pages.
-- Checked against PostgreSQL's own zone list when set (server/admin/site_settings.cpp).
ALTER TABLE sites ADD COLUMN time_zone text NULL CHECK (time_zone ~ '^[A-Za-z0-9_+/-]{1,64}$');
