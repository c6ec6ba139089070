-- 0005: label printers and the print record of every label the server sends to one.
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- Issue #5, regulatory.md §1.1 (FACT-JACIE labelling): every printed label records its template
-- and version, the exact data printed, the printer, the station and/or the operator; reprints
-- are counted and say why.

-- A label printer, registered by an administrator (`celljourney printer add`). The API only
-- ever names a printer of the caller's site by its name: the server never connects to an
-- address a client sends (that would let any user make the server open connections anywhere).
-- format and dpi: what the printer takes (ZPL on a Zebra's 203/300 dpi head, PDF for CUPS).
CREATE TABLE printers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id     bigint      NOT NULL REFERENCES sites (id),
    name        text        NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    uri         text        NOT NULL CHECK (uri ~ '^(tcp|cups|file)://.+$' AND length(uri) <= 500),
    format      text        NOT NULL CHECK (format IN ('zpl', 'pdf', 'png', 'svg')),
    dpi         integer     NOT NULL DEFAULT 203 CHECK (dpi BETWEEN 72 AND 1200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz,
    UNIQUE (site_id, name)
);

-- One label sent to a printer. The row is written (and committed) BEFORE the job is sent, with
-- outcome NULL; the outcome is written once afterwards: 'printed' when the printer took the
-- whole job, 'failed' with the printer's error otherwise. A crash between the two leaves the
-- row with outcome NULL ("unconfirmed"): never silently unrecorded, never claimed printed.
-- reprint: how many earlier rows of the same unit and template were not failed (printed or
-- unconfirmed); a reprint (reprint >= 1) must give its reason.
-- data: the exact label data JSON the label was built from (labels/label_data.h; docs/labels.md),
-- so that `celljourney-label render --data` reproduces the label.
CREATE TABLE label_prints (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journey_id        bigint      NOT NULL REFERENCES journeys (id),
    unit_id           bigint      NOT NULL REFERENCES units (id),
    template          text        NOT NULL CHECK (template ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    template_version  integer     NOT NULL CHECK (template_version >= 1),
    data              jsonb       NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    format            text        NOT NULL CHECK (format IN ('zpl', 'pdf', 'png', 'svg')),
    dpi               integer     NOT NULL CHECK (dpi BETWEEN 72 AND 1200),
    printer_id        bigint      NOT NULL REFERENCES printers (id),
    printer_uri       text        NOT NULL,
    station_id        bigint      REFERENCES stations (id),
    user_id           bigint      REFERENCES users (id),
    reprint           integer     NOT NULL CHECK (reprint >= 0),
    reason            text        CHECK (reason IS NULL OR length(btrim(reason)) BETWEEN 1 AND 500),
    bytes             integer     NOT NULL CHECK (bytes >= 0),
    requested_at      timestamptz NOT NULL DEFAULT now(),
    outcome           text        CHECK (outcome IN ('printed', 'failed')),
    error             text,
    finished_at       timestamptz,
    CHECK (station_id IS NOT NULL OR user_id IS NOT NULL),
    CHECK (reprint = 0 OR reason IS NOT NULL),
    CHECK ((outcome IS NULL) = (finished_at IS NULL)),
    CHECK ((outcome = 'failed') = (error IS NOT NULL))
);
CREATE INDEX label_prints_unit ON label_prints (unit_id, template, id);

-- The outcome is written once; nothing else ever changes, and no row is deleted.
CREATE FUNCTION label_prints_outcome_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'label_prints: % refused (print records are kept)', TG_OP;
    END IF;
    IF OLD.outcome IS NOT NULL THEN
        RAISE EXCEPTION 'label_prints: the outcome of print % is recorded already (%)', OLD.id, OLD.outcome;
    END IF;
    IF (NEW.id, NEW.journey_id, NEW.unit_id, NEW.template, NEW.template_version, NEW.data, NEW.format, NEW.dpi,
        NEW.printer_id, NEW.printer_uri, NEW.station_id, NEW.user_id, NEW.reprint, NEW.reason, NEW.bytes,
        NEW.requested_at)
       IS DISTINCT FROM
       (OLD.id, OLD.journey_id, OLD.unit_id, OLD.template, OLD.template_version, OLD.data, OLD.format, OLD.dpi,
        OLD.printer_id, OLD.printer_uri, OLD.station_id, OLD.user_id, OLD.reprint, OLD.reason, OLD.bytes,
        OLD.requested_at) THEN
        RAISE EXCEPTION 'label_prints: only the outcome of print % may be written', OLD.id;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER label_prints_outcome_once BEFORE UPDATE OR DELETE ON label_prints
    FOR EACH ROW EXECUTE FUNCTION label_prints_outcome_once();
CREATE TRIGGER label_prints_no_truncate BEFORE TRUNCATE ON label_prints
    FOR EACH STATEMENT EXECUTE FUNCTION label_prints_outcome_once();

-- The application role reads printers (administrators add them from the command line) and
-- adds print records, writing only their outcome columns afterwards.
GRANT SELECT ON printers TO celljourney_app;
GRANT SELECT, INSERT ON label_prints TO celljourney_app;
GRANT UPDATE (outcome, error, finished_at) ON label_prints TO celljourney_app;
