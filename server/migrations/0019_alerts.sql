-- 0019: alerts that reach people (issue 18, part 3; docs/quality.md "Alerts"): rules per site,
-- the outbox of deliveries (email, webhook, the board), every attempt, escalation.
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- Never lose one, never slow a scan: the alert and its deliveries are written by triggers on
-- the INSERT of a deviation or a near miss, so in the very transaction that raises it (the
-- scan's, the sweeper's, the temperature evidence's), with no change to those paths; the
-- deliveries are sent by the alert worker after the commit (server/alerts/alert_worker.h),
-- woken by NOTIFY celljourney_alerts. A rollback takes the alert with it; a commit cannot lose it.

-- The address alerts are mailed to. NULL: the person gets no email (their delivery is recorded
-- as failed, naming them, so that a rule with a role nobody can be mailed at shows).
ALTER TABLE users ADD COLUMN email text
    CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[A-Za-z0-9.!#$%&''*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$'));

-- A site's relay and webhook. smtp_password and webhook_secret are kept for sending only: the
-- API shows whether they are set, never their value, and admin_log records "set" or "cleared".
-- escalation_seconds: how long a critical alert may stay unacknowledged before it goes to the
-- rule's escalation recipients (NULL: no escalation at this site). link_base: the address of
-- this server as people open it ("https://celljourney.example.org"), for links in messages.
CREATE TABLE site_alerting (
    site_id             bigint      PRIMARY KEY REFERENCES sites (id),
    smtp_host           text        CHECK (length(smtp_host) <= 253 AND smtp_host ~ '^[A-Za-z0-9.:\[\]-]+$'),
    smtp_port           integer     NOT NULL DEFAULT 587 CHECK (smtp_port BETWEEN 1 AND 65535),
    smtp_starttls       boolean     NOT NULL DEFAULT true,
    smtp_from           text        CHECK (length(smtp_from) BETWEEN 3 AND 254),
    smtp_user           text        CHECK (length(smtp_user) BETWEEN 1 AND 254),
    smtp_password       text        CHECK (length(smtp_password) BETWEEN 1 AND 1024),
    webhook_url         text        CHECK (length(webhook_url) <= 2000 AND webhook_url ~ '^https?://\S+$'),
    webhook_secret      text        CHECK (length(webhook_secret) BETWEEN 16 AND 1024),
    escalation_seconds  integer     CHECK (escalation_seconds BETWEEN 1 AND 604800),
    link_base           text        CHECK (length(link_base) <= 500 AND link_base ~ '^https?://\S+$'),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((smtp_password IS NULL) OR (smtp_user IS NOT NULL)),
    CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
);

-- One rule per site and trigger: who hears of it (roles at the site, named users), on which
-- channels, and who hears of it again when a critical one stays unacknowledged.
CREATE TABLE alert_rules (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id            bigint      NOT NULL REFERENCES sites (id),
    trigger            text        NOT NULL CHECK (trigger IN ('overdue_clock', 'critical_deviation',
                                                               'temperature_excursion', 'near_miss')),
    channels           text[]      NOT NULL CHECK (cardinality(channels) >= 1
                                                   AND channels <@ ARRAY['email', 'webhook', 'browser']),
    roles              text[]      NOT NULL DEFAULT '{}',
    user_ids           bigint[]    NOT NULL DEFAULT '{}',
    escalate_roles     text[]      NOT NULL DEFAULT '{}',
    escalate_user_ids  bigint[]    NOT NULL DEFAULT '{}',
    active             boolean     NOT NULL DEFAULT true,  -- false: removed (kept: its alerts name it)
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (site_id, trigger),
    CHECK (roles <@ ARRAY['apheresis', 'cell_lab', 'clinical', 'physician', 'coordinator', 'qa', 'admin']),
    CHECK (escalate_roles <@ ARRAY['apheresis', 'cell_lab', 'clinical', 'physician', 'coordinator', 'qa', 'admin'])
);

-- One alert: a rule that fired for one deviation or near miss. Acknowledged here (the board's
-- Acknowledge, the API), or counted so when its deviation is no longer open or its near miss
-- was reviewed (alerts_unacknowledged below).
CREATE TABLE alerts (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id          bigint      NOT NULL REFERENCES sites (id),
    rule_id          bigint      NOT NULL REFERENCES alert_rules (id),
    trigger          text        NOT NULL,
    journey_id       bigint      NOT NULL REFERENCES journeys (id),
    deviation_id     bigint      REFERENCES deviations (id),
    near_miss_id     bigint      REFERENCES near_misses (id),
    code             text        NOT NULL,
    severity         text        NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
    raised_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    acknowledged_at  timestamptz,
    acknowledged_by  bigint      REFERENCES users (id),
    escalated_at     timestamptz,
    CHECK ((deviation_id IS NULL) <> (near_miss_id IS NULL)),
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
    UNIQUE (rule_id, deviation_id),
    UNIQUE (rule_id, near_miss_id)
);
CREATE INDEX alerts_site ON alerts (site_id, raised_at DESC);
CREATE INDEX alerts_to_escalate ON alerts (raised_at) WHERE severity = 'critical' AND escalated_at IS NULL
    AND acknowledged_at IS NULL;

-- The outbox: one message to one recipient on one channel. state: pending (to send at
-- next_attempt_at), sent, failed (given up: a permanent error or the last attempt).
CREATE TABLE alert_deliveries (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id         bigint      NOT NULL REFERENCES alerts (id),
    purpose          text        NOT NULL CHECK (purpose IN ('alert', 'escalation')),
    channel          text        NOT NULL CHECK (channel IN ('email', 'webhook', 'browser')),
    user_id          bigint      REFERENCES users (id),
    recipient        text        NOT NULL,
    state            text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    sent_at          timestamptz,
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX alert_deliveries_alert ON alert_deliveries (alert_id);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE state = 'pending';

-- Every attempt, append-only: when, and sent or failed with the error.
CREATE TABLE alert_attempts (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id  bigint      NOT NULL REFERENCES alert_deliveries (id),
    attempt      integer     NOT NULL CHECK (attempt >= 1),
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    outcome      text        NOT NULL CHECK (outcome IN ('sent', 'failed')),
    error        text,
    CHECK ((outcome = 'failed') = (error IS NOT NULL))
);
CREATE INDEX alert_attempts_delivery ON alert_attempts (delivery_id);
CREATE TRIGGER alert_attempts_append_only BEFORE UPDATE OR DELETE ON alert_attempts
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER alert_attempts_no_truncate BEFORE TRUNCATE ON alert_attempts
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- The deliveries of an alert for its purpose: 'alert' to the rule's recipients, 'escalation' to
-- its escalation recipients. Email goes to each active person once (a person without an address
-- gets a failed delivery saying so); the webhook to the site's URL; the board to the site.
CREATE FUNCTION alert_fan_out(p_alert bigint, p_purpose text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    a alerts;
    r alert_rules;
    hook text;
    person record;
    n integer := 0;
BEGIN
    SELECT * INTO a FROM alerts WHERE id = p_alert;
    SELECT * INTO r FROM alert_rules WHERE id = a.rule_id;
    IF 'email' = ANY (r.channels) THEN
        FOR person IN
            SELECT u.id, u.username, u.email FROM users u
             WHERE u.active AND (u.id = ANY (CASE WHEN p_purpose = 'alert' THEN r.user_ids ELSE r.escalate_user_ids END)
                OR EXISTS (SELECT FROM user_site_roles sr WHERE sr.user_id = u.id AND sr.site_id = a.site_id
                           AND sr.role = ANY (CASE WHEN p_purpose = 'alert' THEN r.roles ELSE r.escalate_roles END)))
             ORDER BY u.id
        LOOP
            IF person.email IS NULL THEN
                INSERT INTO alert_deliveries (alert_id, purpose, channel, user_id, recipient, state, last_error)
                VALUES (p_alert, p_purpose, 'email', person.id, person.username, 'failed',
                        'user ' || person.username || ' has no email address (celljourney alerts email)');
            ELSE
                INSERT INTO alert_deliveries (alert_id, purpose, channel, user_id, recipient)
                VALUES (p_alert, p_purpose, 'email', person.id, person.email);
            END IF;
            n := n + 1;
        END LOOP;
    END IF;
    IF 'webhook' = ANY (r.channels) THEN
        SELECT webhook_url INTO hook FROM site_alerting WHERE site_id = a.site_id;
        IF hook IS NULL THEN
            INSERT INTO alert_deliveries (alert_id, purpose, channel, recipient, state, last_error)
            VALUES (p_alert, p_purpose, 'webhook', '-', 'failed', 'the site has no webhook URL');
        ELSE
            INSERT INTO alert_deliveries (alert_id, purpose, channel, recipient) VALUES (p_alert, p_purpose, 'webhook', hook);
        END IF;
        n := n + 1;
    END IF;
    IF 'browser' = ANY (r.channels) THEN
        INSERT INTO alert_deliveries (alert_id, purpose, channel, recipient) VALUES (p_alert, p_purpose, 'browser', 'board');
        n := n + 1;
    END IF;
    PERFORM pg_notify('celljourney_alerts', p_alert::text);
    RETURN n;
END;
$$;

-- An alert for each rule of the site that the raised thing fires.
CREATE FUNCTION alerts_raise(p_site bigint, p_trigger text, p_journey bigint, p_deviation bigint, p_near_miss bigint,
                             p_code text, p_severity text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    rule_id bigint;
    alert_id bigint;
BEGIN
    SELECT id INTO rule_id FROM alert_rules WHERE site_id = p_site AND trigger = p_trigger AND active;
    IF rule_id IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO alerts (site_id, rule_id, trigger, journey_id, deviation_id, near_miss_id, code, severity)
    VALUES (p_site, rule_id, p_trigger, p_journey, p_deviation, p_near_miss, p_code, p_severity)
    RETURNING id INTO alert_id;
    PERFORM alert_fan_out(alert_id, 'alert');
END;
$$;

-- Which triggers a deviation fires: OVERDUE (the sweeper's clocks), the temperature codes
-- (docs/deviations.md), and any critical one. One deviation may fire several.
CREATE FUNCTION alerts_on_deviation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    site bigint;
BEGIN
    SELECT site_id INTO site FROM journeys WHERE id = NEW.journey_id;
    IF NEW.code = 'OVERDUE' THEN
        PERFORM alerts_raise(site, 'overdue_clock', NEW.journey_id, NEW.id, NULL, NEW.code, NEW.severity);
    END IF;
    IF NEW.code IN ('TEMP_EXCURSION', 'TEMP_DATA_GAP', 'TEMPERATURE_OUT_OF_RANGE') THEN
        PERFORM alerts_raise(site, 'temperature_excursion', NEW.journey_id, NEW.id, NULL, NEW.code, NEW.severity);
    END IF;
    IF NEW.severity = 'critical' THEN
        PERFORM alerts_raise(site, 'critical_deviation', NEW.journey_id, NEW.id, NULL, NEW.code, NEW.severity);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER deviations_alert AFTER INSERT ON deviations FOR EACH ROW EXECUTE FUNCTION alerts_on_deviation();

-- A near miss (another patient's identity scanned) is critical: it nearly was the wrong patient.
CREATE FUNCTION alerts_on_near_miss() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM alerts_raise(NEW.site_id, 'near_miss', NEW.journey_id, NULL, NEW.id, NEW.code, 'critical');
    RETURN NULL;
END;
$$;
CREATE TRIGGER near_misses_alert AFTER INSERT ON near_misses FOR EACH ROW EXECUTE FUNCTION alerts_on_near_miss();

GRANT SELECT, UPDATE (email) ON users TO celljourney_app;
GRANT SELECT, INSERT, UPDATE ON site_alerting, alert_rules TO celljourney_app;
GRANT SELECT, INSERT ON alerts, alert_deliveries, alert_attempts TO celljourney_app;
GRANT UPDATE (acknowledged_at, acknowledged_by, escalated_at) ON alerts TO celljourney_app;
GRANT UPDATE (state, attempts, next_attempt_at, last_error, sent_at) ON alert_deliveries TO celljourney_app;
