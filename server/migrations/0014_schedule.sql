-- 0014: the schedule: each journey's planned dates (in versions: a change is a new version with
-- its reason, never an update), each site's capacity per resource and day (apheresis chairs,
-- infusion beds), and which planned items book which resource on which day (docs/schedule.md).
-- Never edit this file once it has landed: add a new numbered migration instead.

-- The IANA zone a site's days are counted in (the week view, capacity days, bookings). Checked
-- against pg_timezone_names when it is set (server/schedule/capacity_store.cpp).
ALTER TABLE sites ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC' CHECK (length(time_zone) BETWEEN 1 AND 64);

-- One version of a journey's plan: who planned it, when, and why it changed (every version after
-- the first names its reason, as a correction of an event does).
CREATE TABLE plan_versions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journey_id  bigint      NOT NULL REFERENCES journeys (id),
    version     integer     NOT NULL CHECK (version >= 1),
    planned_by  bigint      NOT NULL REFERENCES users (id),
    planned_at  timestamptz NOT NULL DEFAULT now(),
    reason      text        CHECK (reason IS NULL OR length(btrim(reason)) BETWEEN 1 AND 500),
    UNIQUE (journey_id, version),
    CHECK (version = 1 OR reason IS NOT NULL)
);

-- The planned items of a version (the whole plan: a version holds every item it plans).
-- ends_at: the end of a slot (the expected release of manufacturing); none for a point in time.
CREATE TABLE plan_items (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_version_id  bigint      NOT NULL REFERENCES plan_versions (id),
    journey_id       bigint      NOT NULL REFERENCES journeys (id),
    kind             text        NOT NULL
                     CHECK (kind IN ('apheresis', 'manufacturing', 'shipment', 'lymphodepletion', 'infusion')),
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz CHECK (ends_at IS NULL OR ends_at >= starts_at),
    UNIQUE (plan_version_id, kind)
);
CREATE INDEX plan_items_journey ON plan_items (journey_id);

-- The resource a planned item takes at the journey's site on each of its days (in the site's
-- zone): an apheresis slot takes a chair, an infusion a bed. Written with the item.
CREATE TABLE plan_bookings (
    plan_item_id  bigint NOT NULL REFERENCES plan_items (id),
    site_id       bigint NOT NULL REFERENCES sites (id),
    resource      text   NOT NULL CHECK (resource IN ('apheresis_chair', 'infusion_bed')),
    day           date   NOT NULL,
    PRIMARY KEY (plan_item_id, resource, day)
);
CREATE INDEX plan_bookings_day ON plan_bookings (site_id, resource, day);

-- A site's capacity: how many places of a resource it has on a weekday (1 Monday .. 7 Sunday,
-- the default) or on one date (an override: a holiday, a chair out of service). Append-only:
-- the newest row for a date, else the newest for its weekday, is the capacity; every change
-- names who, when and why.
CREATE TABLE site_capacity (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id     bigint      NOT NULL REFERENCES sites (id),
    resource    text        NOT NULL CHECK (resource IN ('apheresis_chair', 'infusion_bed')),
    weekday     smallint    CHECK (weekday BETWEEN 1 AND 7),
    day         date,
    places      integer     NOT NULL CHECK (places BETWEEN 0 AND 100),
    reason      text        NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
    changed_by  bigint      NOT NULL REFERENCES users (id),
    changed_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((weekday IS NULL) <> (day IS NULL))
);
CREATE INDEX site_capacity_lookup ON site_capacity (site_id, resource, day, weekday, id);

-- The places of resource at site on day d; NULL when the site never set any (no conflict can be
-- computed then: the pages say "capacity not set").
CREATE FUNCTION site_capacity_on(site bigint, res text, d date) RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT places FROM site_capacity WHERE site_id = site AND resource = res AND day = d
          ORDER BY id DESC LIMIT 1),
        (SELECT places FROM site_capacity WHERE site_id = site AND resource = res
            AND weekday = extract(isodow FROM d)::smallint ORDER BY id DESC LIMIT 1))
$$;

-- The items of each journey's newest plan version.
CREATE VIEW current_plan_items AS
    SELECT i.id, i.journey_id, i.kind, i.starts_at, i.ends_at, v.version
      FROM plan_items i JOIN plan_versions v ON v.id = i.plan_version_id
     WHERE v.version = (SELECT max(w.version) FROM plan_versions w WHERE w.journey_id = v.journey_id);

-- What takes a place: the bookings of the newest plans of open journeys (a completed or disposed
-- journey gives its places back).
CREATE VIEW current_bookings AS
    SELECT b.plan_item_id, b.site_id, b.resource, b.day, c.journey_id, c.kind
      FROM plan_bookings b JOIN current_plan_items c ON c.id = b.plan_item_id
      JOIN journeys j ON j.id = c.journey_id
     WHERE j.status IN ('active', 'on_hold');

-- History is kept: plans, bookings and capacity rows are never changed or removed.
CREATE TRIGGER plan_versions_append_only BEFORE UPDATE OR DELETE ON plan_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER plan_items_append_only BEFORE UPDATE OR DELETE ON plan_items
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER plan_bookings_append_only BEFORE UPDATE OR DELETE ON plan_bookings
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER site_capacity_append_only BEFORE UPDATE OR DELETE ON site_capacity
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();

GRANT SELECT, INSERT ON plan_versions, plan_items, plan_bookings, site_capacity TO celljourney_app;
GRANT SELECT ON current_plan_items, current_bookings TO celljourney_app;
