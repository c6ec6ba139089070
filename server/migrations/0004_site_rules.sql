-- 0004: each site's rules configuration (workflows/site_config.h): the site-set product values
-- and qualified storage locations the product definitions are loaded with.
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- One row per site, replaced as a whole (PUT /api/v1/sites/{code}/rules, `celljourney site
-- rules`); every replacement is logged in admin_log with the SHA-256 of the text. updated_at
-- is part of the server's cache key for loaded definitions, so a new text is used at once.
CREATE TABLE site_rules (
    site_id     bigint      PRIMARY KEY REFERENCES sites (id),
    yaml        text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  bigint      NULL REFERENCES users (id)
);

GRANT SELECT, INSERT, UPDATE ON site_rules TO celljourney_app;
