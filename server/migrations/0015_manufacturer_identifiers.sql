-- 0015: the manufacturer's own identifiers of a journey (its order or enrolment id, its own chain
-- of identity id, the batch or lot) and the treating physician, entered at the desk when the
-- journey is created (docs/board.md, "New journey"; the kinds each product declares:
-- workflows/products/*.yaml, `identifiers`).
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- An identifier is never changed in place: a correction is a new row naming the row it replaces,
-- who made it and why (server/journal/manufacturer_ids.h). The current value of a kind is the
-- newest row of that kind; the older rows are its history. A trigger refuses UPDATE, DELETE and
-- TRUNCATE, as for the events.

-- The treating physician as the coordinator names them (free text: they need not be a user).
ALTER TABLE journeys
    ADD COLUMN physician text CHECK (physician IS NULL OR length(physician) BETWEEN 1 AND 100);

CREATE TABLE manufacturer_identifiers (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journey_id   bigint      NOT NULL REFERENCES journeys (id),
    kind         text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,31}$'),
    value        text        NOT NULL CHECK (length(value) BETWEEN 1 AND 64 AND value ~ '^[ -~]+$'),
    recorded_by  bigint      NOT NULL REFERENCES users (id),
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    -- NULL for the value given when the journey was created or a kind first given; a change
    -- names the row it replaces and says why.
    replaces_id  bigint      UNIQUE REFERENCES manufacturer_identifiers (id),
    reason       text        CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
    CHECK ((replaces_id IS NULL) = (reason IS NULL))
);
CREATE INDEX manufacturer_identifiers_journey ON manufacturer_identifiers (journey_id, kind, id);
-- The journey list and the board find a journey by the current value of any of its identifiers
-- (a replaced value was a mistake, perhaps another patient's: it finds nothing).
CREATE INDEX manufacturer_identifiers_value ON manufacturer_identifiers (value);

CREATE TRIGGER manufacturer_identifiers_append_only BEFORE UPDATE OR DELETE ON manufacturer_identifiers
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER manufacturer_identifiers_no_truncate BEFORE TRUNCATE ON manufacturer_identifiers
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

GRANT SELECT, INSERT ON manufacturer_identifiers TO celljourney_app;
