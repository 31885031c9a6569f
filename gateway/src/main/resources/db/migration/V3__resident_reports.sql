-- Resident reports (GOVERNANCE.md §2.6): observations by residents, each merged into or opening an issue.
-- Same dialect rules as V1 (H2 MODE=PostgreSQL and PostgreSQL): no TIMESTAMPTZ, RETURNING or INTERVAL;
-- every TIMESTAMP holds a UTC instant.
-- Reporter identity (name, phone, email) is personal information (PIPL): it is stored here for staff and never
-- appears in any public or Open311 payload. The follow token is stored only as its SHA-256 hash.
CREATE TABLE resident_reports (
    id                VARCHAR(40)      NOT NULL PRIMARY KEY,
    issue_id          VARCHAR(32)      NOT NULL REFERENCES issues (id),
    community         VARCHAR(64)      NOT NULL,
    category          VARCHAR(16)      NOT NULL,
    channel           VARCHAR(16)      NOT NULL,
    -- exact WGS84 position as reported; the public view only ever shows it rounded
    lat               DOUBLE PRECISION NOT NULL,
    lon               DOUBLE PRECISION NOT NULL,
    -- the registered asset the report was matched to (named by the resident or the nearest within the radius)
    asset_id          VARCHAR(128),
    description       VARCHAR(4000)    NOT NULL,
    photo             BYTEA,
    photo_type        VARCHAR(64),
    -- photos are published only after moderation (faces, plates blurred); nothing moderates them yet
    photo_moderated   BOOLEAN          NOT NULL DEFAULT FALSE,
    reporter_name     VARCHAR(200),
    reporter_phone    VARCHAR(64),
    reporter_email    VARCHAR(320),
    follow_token_hash VARCHAR(64)      NOT NULL,
    merged            BOOLEAN          NOT NULL,
    submitted_at      TIMESTAMP        NOT NULL,
    CONSTRAINT uq_reports_follow_token UNIQUE (follow_token_hash)
);

CREATE INDEX ix_reports_issue ON resident_reports (issue_id, submitted_at);
