-- 0001: sites and settings.
-- Never edit this file once it has landed: add a new numbered migration instead.

-- A site: a hospital, apheresis centre or manufacturing facility taking part in journeys.
-- fin is its ISBT 128 Facility Identification Number (5 characters, assigned by ICCBBA); the
-- isbt128 codec checks the finer rules, the table only the shape.
CREATE TABLE sites (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text        NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    name        text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    fin         char(5)     NOT NULL UNIQUE CHECK (fin ~ '^[A-Z0-9]{5}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE sites IS 'Facilities taking part in journeys, identified by their ISBT 128 FIN';
COMMENT ON COLUMN sites.code IS 'Short lowercase handle used in URLs and configuration, e.g. "city-hospital"';
COMMENT ON COLUMN sites.fin IS 'ISBT 128 Facility Identification Number (5 characters)';

-- Installation-wide settings, one text value per dotted key (e.g. 'journey.default_timezone').
CREATE TABLE settings (
    key         text        PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
    value       text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE settings IS 'Installation-wide settings: dotted key -> text value';
