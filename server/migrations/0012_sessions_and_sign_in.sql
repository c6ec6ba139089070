-- 0012: sessions that end when idle, that show where they come from, and sign-in without the
-- lock anyone could trigger (docs/security.md, "Sign-in and sessions").
-- Never edit this file once it has landed: add a new numbered migration instead.

-- When a session was last used (refreshed at most every 30 s), and by what client: the owner
-- sees their sessions (GET /api/v1/session) and ends the ones they do not recognise.
ALTER TABLE sessions
    ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN address      text        CHECK (length(address) <= 64),
    ADD COLUMN user_agent   text        CHECK (length(user_agent) <= 256);
CREATE INDEX sessions_open ON sessions (user_id, created_at) WHERE ended_at IS NULL;

-- A site's idle timeout: a session unused this long ends. A person with roles at several sites
-- gets the shortest of theirs (a workstation left open at the strictest site ends soonest).
ALTER TABLE sites
    ADD COLUMN session_idle_minutes integer NOT NULL DEFAULT 15 CHECK (session_idle_minutes BETWEEN 1 AND 720);

-- Repeated failures now delay the next attempts (server/auth/guess_limiter.h) instead of
-- locking the account for 15 minutes; a lock is an administrator's act (POST .../lock), until
-- unlocked. The old automatic locks are lifted.
ALTER TABLE users ADD COLUMN locked_at timestamptz;
UPDATE users SET failed_logins = 0, locked_until = NULL WHERE failed_logins > 0 OR locked_until IS NOT NULL;

-- How long user_id's sessions may stay unused: the shortest idle timeout of the sites they hold
-- a role at (15 minutes for someone with none).
CREATE FUNCTION session_idle_limit(p_user_id bigint) RETURNS interval LANGUAGE sql STABLE AS $$
    SELECT make_interval(mins => COALESCE(min(s.session_idle_minutes), 15))
    FROM user_site_roles r JOIN sites s ON s.id = r.site_id WHERE r.user_id = p_user_id
$$;
