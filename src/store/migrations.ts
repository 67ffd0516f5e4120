/**
 * The schema as an ordered list of steps; `PRAGMA user_version` records how many have run.
 * Steps are only ever appended: a released step is never edited, a change is a new step.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE notices (
    id            INTEGER PRIMARY KEY,
    -- 文号 when the notice has one, else its title or file name: what forms refer to.
    key           TEXT NOT NULL UNIQUE,
    doc_number    TEXT,
    title         TEXT,
    source_file   TEXT NOT NULL,
    sign_date     TEXT,
    content_hash  TEXT NOT NULL,
    registered_at TEXT NOT NULL
  );

  CREATE TABLE chapters (
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    no        TEXT NOT NULL,
    title     TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (notice_id, no)
  );

  CREATE TABLE tasks (
    id        INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    no        INTEGER NOT NULL,
    label     TEXT NOT NULL,
    chapter   TEXT,
    -- The task number this one is a sub-item of, else null.
    parent    INTEGER,
    title     TEXT NOT NULL,
    text      TEXT NOT NULL,
    -- The latest resolved deadline (ISO date) among the task's deadlines, if any.
    deadline  TEXT,
    UNIQUE (notice_id, no)
  );

  CREATE TABLE units (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    kind      TEXT NOT NULL,
    full_name TEXT
  );

  -- Collectives (各区) are expanded: each member holds the task in the collective's role.
  CREATE TABLE assignments (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    role    TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    -- Order of the unit in the task's clause (after expansion): lead first.
    seq     INTEGER NOT NULL,
    -- The collective the unit was reached through, e.g. 各区; null when named directly.
    via     TEXT,
    PRIMARY KEY (task_id, unit_id)
  );
  CREATE INDEX assignments_unit ON assignments(unit_id);

  CREATE TABLE targets (
    id        INTEGER PRIMARY KEY,
    task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    indicator TEXT NOT NULL,
    value     REAL NOT NULL,
    unit      TEXT NOT NULL,
    qualifier TEXT,
    UNIQUE (task_id, seq)
  );

  CREATE TABLE periods (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('quarterly', 'monthly')),
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    due_date   TEXT NOT NULL
  );

  -- Which notices are followed up in which period (forms were made or reports came in).
  CREATE TABLE notice_periods (
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL REFERENCES periods(id),
    PRIMARY KEY (notice_id, period_id)
  );

  CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    notice_id   INTEGER NOT NULL REFERENCES notices(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    period_id   TEXT NOT NULL REFERENCES periods(id),
    row_count   INTEGER NOT NULL
  );

  CREATE TABLE progress_reports (
    id             INTEGER PRIMARY KEY,
    task_id        INTEGER NOT NULL REFERENCES tasks(id),
    unit_id        INTEGER NOT NULL REFERENCES units(id),
    period_id      TEXT NOT NULL REFERENCES periods(id),
    status         TEXT NOT NULL CHECK (status IN ('未启动', '推进中', '已完成', '滞后')),
    percent        REAL CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100)),
    progress       TEXT NOT NULL DEFAULT '',
    achievements   TEXT NOT NULL DEFAULT '',
    problems       TEXT NOT NULL DEFAULT '',
    next_measures  TEXT NOT NULL DEFAULT '',
    delay_reason   TEXT NOT NULL DEFAULT '',
    submitted_date TEXT NOT NULL,
    source_file    TEXT NOT NULL,
    source_sheet   TEXT,
    source_row     INTEGER NOT NULL,
    import_id      INTEGER NOT NULL REFERENCES imports(id),
    -- Deferred: the newer report's id is pointed to just before that report is inserted.
    superseded_by  INTEGER REFERENCES progress_reports(id) DEFERRABLE INITIALLY DEFERRED
  );
  -- At most one current report per (task, unit, period); history stays in the table.
  CREATE UNIQUE INDEX progress_reports_current
    ON progress_reports(task_id, unit_id, period_id) WHERE superseded_by IS NULL;
  CREATE INDEX progress_reports_period ON progress_reports(period_id, unit_id);
  CREATE INDEX progress_reports_import ON progress_reports(import_id);

  CREATE TABLE report_target_actuals (
    report_id INTEGER NOT NULL REFERENCES progress_reports(id),
    target_id INTEGER NOT NULL REFERENCES targets(id),
    actual    REAL NOT NULL,
    PRIMARY KEY (report_id, target_id)
  );
  `,
  // 2: notice versions. Registering a corrected notice under the same key keeps the tasks that
  // stayed (and their reports); a task the new version drops is kept with its reports, out of the
  // current list (removed_in set, its assignments gone, its number made negative so the current
  // numbers stay unique).
  `
  ALTER TABLE notices ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE tasks ADD COLUMN removed_in INTEGER;
  CREATE TABLE notice_versions (
    notice_id     INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    source_file   TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    -- The differences from the previous version, as Chinese lines (empty for version 1).
    changes       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (notice_id, version)
  );
  INSERT INTO notice_versions (notice_id, version, content_hash, source_file, registered_at)
    SELECT id, 1, content_hash, source_file, registered_at FROM notices;
  `,
  // 3: duban serve — the office password, sessions, unit portal links and the audit trail.
  `
  CREATE TABLE office_password (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    -- scrypt$N$r$p$salt$hash (base64url)
    hash       TEXT NOT NULL,
    set_at     TEXT NOT NULL
  );

  -- Only the SHA-256 of a session id is stored; the id itself lives in the browser's cookie.
  CREATE TABLE web_sessions (
    id_hash    TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    address    TEXT
  );

  -- One row per issued unit link; only the SHA-256 of the token is stored.
  CREATE TABLE portal_tokens (
    token_hash TEXT PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    notice_id  INTEGER NOT NULL REFERENCES notices(id),
    period_id  TEXT NOT NULL REFERENCES periods(id),
    issued_at  TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX portal_tokens_unit ON portal_tokens(unit_id, period_id);

  -- Who did what, when, from which address (office logins, unit submissions, revocations).
  CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    unit_id   INTEGER REFERENCES units(id),
    period_id TEXT,
    import_id INTEGER REFERENCES imports(id),
    detail    TEXT NOT NULL DEFAULT '',
    address   TEXT
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
