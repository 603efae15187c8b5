import FolioDomain
import GRDB

/// The schema's history. Migrations are named and append-only: once one has shipped it is
/// never edited; a change is a new migration.
enum Migrations {
    static let migrator: DatabaseMigrator = {
        var m = DatabaseMigrator()

        m.registerMigration("v1-portfolio") { db in
            try db.execute(sql: """
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );

                CREATE TABLE user (
                    login TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('csm', 'manager', 'vp', 'ae')),
                    manager_login TEXT REFERENCES user(login) DEFERRABLE INITIALLY DEFERRED,
                    import_batch INTEGER NOT NULL DEFAULT 0
                );

                CREATE TABLE account (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    tier TEXT NOT NULL CHECK (tier IN ('enterprise', 'mid-market', 'smb')),
                    owner TEXT NOT NULL REFERENCES user(login),
                    ae TEXT REFERENCES user(login),
                    arr_cents INTEGER NOT NULL CHECK (arr_cents >= 0),
                    contract_start TEXT NOT NULL,
                    renewal_date TEXT NOT NULL,
                    seats INTEGER,
                    timezone TEXT,
                    email_opt_out INTEGER NOT NULL DEFAULT 0,
                    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'churned')),
                    import_batch INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX account_owner ON account(owner);
                CREATE INDEX account_ae ON account(ae);

                CREATE TABLE contact (
                    id TEXT PRIMARY KEY NOT NULL,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    roles TEXT NOT NULL DEFAULT '',
                    left_company INTEGER NOT NULL DEFAULT 0,
                    opt_out INTEGER NOT NULL DEFAULT 0,
                    import_batch INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX contact_account ON contact(account_id);

                CREATE TABLE usage (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    week TEXT NOT NULL,
                    active_users INTEGER NOT NULL,
                    logins INTEGER,
                    key_actions INTEGER NOT NULL,
                    features_used INTEGER,
                    features_available INTEGER,
                    import_batch INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (account_id, week)
                ) WITHOUT ROWID;

                CREATE TABLE support_case (
                    id TEXT PRIMARY KEY NOT NULL,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    priority TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
                    opened TEXT NOT NULL,
                    closed TEXT,
                    import_batch INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX support_case_account ON support_case(account_id);

                CREATE TABLE nps_response (
                    contact_id TEXT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
                    comment TEXT,
                    import_batch INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (contact_id, date)
                ) WITHOUT ROWID;

                CREATE TABLE payment_status (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    as_of TEXT NOT NULL,
                    days_overdue INTEGER NOT NULL CHECK (days_overdue >= 0),
                    import_batch INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (account_id, as_of)
                ) WITHOUT ROWID;

                CREATE TABLE activity (
                    id TEXT PRIMARY KEY NOT NULL,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    type TEXT NOT NULL CHECK (type IN ('call', 'email', 'meeting', 'qbr', 'check-in', 'note')),
                    direction TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
                    date TEXT NOT NULL,
                    author TEXT NOT NULL REFERENCES user(login),
                    summary TEXT NOT NULL DEFAULT '',
                    import_batch INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX activity_account_date ON activity(account_id, date);

                CREATE TABLE audit_entry (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    actor TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    before TEXT,
                    after TEXT
                );
                """)
        }

        m.registerMigration("v2-health") { db in
            try db.execute(sql: """
                -- What the snapshots of one profile and tier share: each measure's name, group
                -- and weight, one line each (SnapshotCodec), stored once.
                CREATE TABLE measure_set (
                    id INTEGER PRIMARY KEY,
                    spec TEXT NOT NULL UNIQUE
                );

                -- A rowid table: rows are large (the breakdown), which WITHOUT ROWID handles badly.
                CREATE TABLE health_snapshot (
                    id INTEGER PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    score REAL,
                    band TEXT,
                    low_confidence INTEGER NOT NULL DEFAULT 0,
                    measure_set INTEGER NOT NULL REFERENCES measure_set(id),
                    -- every measure's part in the score, one line each (SnapshotCodec)
                    measures TEXT NOT NULL,
                    UNIQUE (account_id, date)
                );
                CREATE INDEX health_snapshot_date ON health_snapshot(date);

                -- The daily run seeks each account's last meeting and last QBR.
                CREATE INDEX activity_account_type_date ON activity(account_id, type, date);

                CREATE TABLE engine_run (
                    date TEXT PRIMARY KEY NOT NULL,
                    ran_at INTEGER NOT NULL,
                    accounts INTEGER NOT NULL,
                    changed INTEGER NOT NULL,
                    band_moves INTEGER NOT NULL,
                    seconds REAL NOT NULL
                );
                """)
        }

        m.registerMigration("v3-alerts") { db in
            try db.execute(sql: """
                CREATE TABLE alert (
                    id INTEGER PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    severity TEXT NOT NULL CHECK (severity IN ('info', 'amber', 'orange', 'red')),
                    reason TEXT NOT NULL,
                    raised_on TEXT NOT NULL,
                    raised_at INTEGER NOT NULL,
                    due_by INTEGER NOT NULL,
                    -- logins, ';'-separated; empty for a shadow alert
                    recipients TEXT NOT NULL DEFAULT '',
                    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'snoozed', 'resolved')),
                    acknowledged_by TEXT,
                    acknowledged_at INTEGER,
                    snoozed_until TEXT,
                    snooze_reason TEXT,
                    resolved_by TEXT,
                    resolved_at INTEGER,
                    outcome TEXT,
                    note TEXT,
                    shadow INTEGER NOT NULL DEFAULT 0
                );
                -- At most one open alert per account and kind.
                CREATE UNIQUE INDEX alert_one_open ON alert(account_id, kind) WHERE state != 'resolved';
                CREATE INDEX alert_account ON alert(account_id);
                CREATE INDEX alert_state ON alert(state) WHERE state != 'resolved';

                -- Every transition of every alert, by the engine or by a person.
                CREATE TABLE alert_event (
                    id INTEGER PRIMARY KEY,
                    alert_id INTEGER NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    before TEXT,
                    after TEXT
                );
                CREATE INDEX alert_event_alert ON alert_event(alert_id);

                -- Who is in the control group (DESIGN §2.7): decided once per account, when the
                -- run first sees it, so changing the share later never moves an account.
                CREATE TABLE control_group (
                    account_id TEXT PRIMARY KEY NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    held_out INTEGER NOT NULL,
                    since TEXT NOT NULL
                ) WITHOUT ROWID;

                -- How deep each kind of condition has already fired on an account (AlertRules);
                -- absent means armed.
                CREATE TABLE alert_arm (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    level INTEGER NOT NULL,
                    PRIMARY KEY (account_id, kind)
                ) WITHOUT ROWID;
                """)
        }

        m.registerMigration("v4-checkins-renewals") { db in
            try db.execute(sql: """
                -- Calendar check-ins (DESIGN §2.4), planned by the daily run a horizon ahead.
                -- Keyed by due date first: each run reads a range of due dates. The account is
                -- not a foreign key: the run writes a hundred thousand rows on the day every
                -- QBR preparation falls due, and only ever for accounts it has just read.
                CREATE TABLE checkin (
                    due TEXT NOT NULL,
                    account_id TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('onboarding', 'qbr-prep', 'anniversary')),
                    opens TEXT NOT NULL,
                    closes TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'due' CHECK (state IN ('due', 'done', 'missed')),
                    -- the activity that completed it (kept if the activity is re-imported away)
                    activity_id TEXT,
                    PRIMARY KEY (due, account_id, kind)
                ) WITHOUT ROWID;
                -- Check-ins still open from before the run's range (days with no run).
                CREATE INDEX checkin_open ON checkin(due) WHERE state = 'due';

                -- Renewal opportunities (DESIGN §2.5): at most one open per account.
                CREATE TABLE renewal_opportunity (
                    id INTEGER PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
                    close_date TEXT NOT NULL,
                    stage TEXT NOT NULL CHECK (stage IN ('90 days out', '60 days out', 'at risk', 'committed', 'closed won', 'churned')),
                    owner TEXT NOT NULL REFERENCES user(login),
                    opened_on TEXT NOT NULL,
                    closed_on TEXT,
                    -- who set the current stage (a login, or 'folio' for the daily run) and when
                    moved_by TEXT NOT NULL,
                    moved_at INTEGER NOT NULL,
                    UNIQUE (account_id, close_date),
                    CHECK ((closed_on IS NULL) = (stage NOT IN ('closed won', 'churned')))
                );
                CREATE UNIQUE INDEX renewal_opportunity_open ON renewal_opportunity(account_id) WHERE closed_on IS NULL;
                CREATE INDEX renewal_opportunity_close ON renewal_opportunity(close_date);
                """)
        }

        m.registerMigration("v5-account-term") { db in
            // The contract term a won renewal rolls the renewal date by; annual unless the
            // import says otherwise (accounts.csv `term_months`).
            try db.execute(sql: """
                ALTER TABLE account ADD COLUMN term_months INTEGER NOT NULL DEFAULT 12 CHECK (term_months BETWEEN 1 AND 120)
                """)
        }

        m.registerMigration("v6-sequences") { db in
            try db.execute(sql: """
                -- Recovery sequences (DESIGN §2.6): an account in one at a time, for one alert once.
                CREATE TABLE sequence_enrolment (
                    id INTEGER PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    contact_id TEXT,
                    sequence TEXT NOT NULL,
                    alert_id INTEGER REFERENCES alert(id) ON DELETE SET NULL,
                    started_on TEXT NOT NULL,
                    started_at INTEGER NOT NULL,
                    started_by TEXT NOT NULL,
                    -- internal: the band when it started (recovering out of it stops it)
                    trigger_band TEXT,
                    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'completed', 'stopped', 'skipped')),
                    stop_reason TEXT,
                    -- replied, meeting, recovered, opted-out, contact-left, churned, person
                    stop_kind TEXT,
                    stopped_at INTEGER,
                    stopped_by TEXT
                );
                CREATE UNIQUE INDEX sequence_enrolment_one_active ON sequence_enrolment(account_id) WHERE state = 'active';
                CREATE INDEX sequence_enrolment_alert ON sequence_enrolment(alert_id);

                -- The outbox: every customer email from draft to sent, each delivered once.
                CREATE TABLE outbox_message (
                    id INTEGER PRIMARY KEY,
                    enrolment_id INTEGER REFERENCES sequence_enrolment(id) ON DELETE SET NULL,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    contact_id TEXT NOT NULL,
                    to_name TEXT NOT NULL,
                    to_address TEXT NOT NULL,
                    from_name TEXT NOT NULL,
                    from_address TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'sending', 'unconfirmed', 'sent', 'cancelled', 'failed')),
                    scheduled_at INTEGER NOT NULL,
                    sequence TEXT NOT NULL,
                    step INTEGER NOT NULL,
                    message_id TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    approved_by TEXT,
                    approved_at INTEGER,
                    sent_at INTEGER,
                    transport TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER,
                    last_error TEXT,
                    claimed_at INTEGER,
                    claimed_by TEXT,
                    cancelled_by TEXT,
                    cancel_reason TEXT,
                    UNIQUE (enrolment_id, step)
                );
                CREATE INDEX outbox_message_pending ON outbox_message(state, scheduled_at)
                    WHERE state IN ('draft', 'scheduled', 'sending', 'unconfirmed');
                CREATE INDEX outbox_message_contact ON outbox_message(contact_id);
                CREATE INDEX outbox_message_account ON outbox_message(account_id);
                """)
        }

        m.registerMigration("v7-alert-recipients") { db in
            // An alert's recipients become rows of their own, in routing order, so "routed to
            // me" is a lookup by login instead of a LIKE over a ';'-joined string.
            try db.execute(sql: """
                CREATE TABLE alert_recipient (
                    alert_id INTEGER NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    login TEXT NOT NULL,
                    PRIMARY KEY (alert_id, position),
                    UNIQUE (alert_id, login)
                ) WITHOUT ROWID;
                CREATE INDEX alert_recipient_login ON alert_recipient(login);
                """)
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO alert_recipient (alert_id, position, login) VALUES (?, ?, ?)")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, recipients FROM alert WHERE recipients != ''")
            while let row = try rows.next() {
                let id: Int64 = row[0], joined: String = row[1]
                for (position, login) in joined.split(separator: ";").enumerated() { try insert.execute(arguments: [id, position, String(login)]) }
            }
            try db.execute(sql: "ALTER TABLE alert DROP COLUMN recipients")
        }

        m.registerMigration("v8-import-real-data") { db in
            try db.execute(sql: """
                -- Other names a record is known by in other systems (a CRM user id, a HubSpot
                -- company id, a company domain, a Zendesk organisation), normalized: Salesforce
                -- ids by their 15-character form, others in lower case.
                CREATE TABLE external_key (
                    kind TEXT NOT NULL CHECK (kind IN ('user', 'account', 'contact')),
                    key TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    PRIMARY KEY (kind, key)
                ) WITHOUT ROWID;
                CREATE INDEX external_key_record ON external_key(kind, record_id);

                -- An account's custom attributes from the CRM (plan, payment method…), as text
                -- and, when the text is a number, as a number: what custom measures read.
                CREATE TABLE account_attribute (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    number REAL,
                    import_batch INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (account_id, name)
                ) WITHOUT ROWID;
                CREATE INDEX account_attribute_name ON account_attribute(name);

                -- A week whose data stops before its Sunday (an export taken mid-week): shown,
                -- never scored as a drop.
                ALTER TABLE usage ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;

                -- Daily usage rows as imported, summed (counts) and maxed (users) into weeks.
                CREATE TABLE usage_day (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    day TEXT NOT NULL,
                    active_users INTEGER,
                    logins INTEGER,
                    key_actions INTEGER,
                    features_used INTEGER,
                    features_available INTEGER,
                    import_batch INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (account_id, day)
                ) WITHOUT ROWID;

                -- What the events roll-up has counted for an account's week, so the same events
                -- imported again count once: sorted 64-bit fingerprints of the events, users,
                -- sessions and features seen, and the span the imported exports covered.
                CREATE TABLE usage_rollup (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    week TEXT NOT NULL,
                    events BLOB NOT NULL,
                    users BLOB NOT NULL,
                    sessions BLOB NOT NULL,
                    features BLOB NOT NULL,
                    logins INTEGER NOT NULL,
                    key_actions INTEGER NOT NULL,
                    covered_from INTEGER NOT NULL,
                    covered_until INTEGER NOT NULL,
                    PRIMARY KEY (account_id, week)
                ) WITHOUT ROWID;

                -- Renewal opportunities from the CRM: its id and its own stage name.
                ALTER TABLE renewal_opportunity ADD COLUMN crm_id TEXT;
                ALTER TABLE renewal_opportunity ADD COLUMN crm_stage TEXT;
                CREATE UNIQUE INDEX renewal_opportunity_crm ON renewal_opportunity(crm_id) WHERE crm_id IS NOT NULL;

                -- What happened to accounts (churned, renewed, expanded, contracted), kept as
                -- history: the ground truth a score is checked against.
                CREATE TABLE account_outcome (
                    id INTEGER PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('churned', 'renewed', 'expanded', 'contracted')),
                    arr_change_cents INTEGER,
                    source TEXT NOT NULL DEFAULT 'import',
                    note TEXT,
                    import_batch INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (account_id, date)
                );
                CREATE INDEX account_outcome_date ON account_outcome(date);
                """)
        }

        m.registerMigration("v9-health-history") { db in
            try db.execute(sql: """
                -- Each account's slot in the health history, given when the daily run first
                -- scores it. Not a foreign key: the history outlives nothing it names, and an
                -- account re-imported under the same id finds its past again.
                CREATE TABLE snapshot_key (
                    key INTEGER PRIMARY KEY,
                    account_id TEXT NOT NULL UNIQUE
                );

                -- One day's health snapshots of up to 4096 accounts (by key): their scores and
                -- their breakdowns, each a compressed blob (SnapshotBlock). Thinned by the daily
                -- run (HistoryRetention): daily for 90 days, weekly after.
                CREATE TABLE snapshot_block (
                    date TEXT NOT NULL,
                    block INTEGER NOT NULL,
                    scores BLOB NOT NULL,
                    measures BLOB NOT NULL,
                    PRIMARY KEY (date, block)
                );
                """)
            // The snapshots stored so far, one row each, move into blocks unchanged.
            let ids = try String.fetchAll(db, sql: "SELECT DISTINCT account_id FROM health_snapshot ORDER BY account_id")
            let keys = Dictionary(uniqueKeysWithValues: zip(ids, try HealthHistory.assignKeys(ids, in: db)))
            for date in try String.fetchAll(db, sql: "SELECT DISTINCT date FROM health_snapshot ORDER BY date") {
                guard let day = Day(iso: date) else { continue }
                var dayKeys: [Int64] = [], scores: [HealthHistory.Score] = [], measures: [String] = []
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT account_id, score, band, low_confidence, measure_set, measures FROM health_snapshot WHERE date = ?
                    """, arguments: [date])
                while let row = try rows.next() {
                    guard let key = keys[row[0]] else { continue }
                    dayKeys.append(key)
                    scores.append(HealthHistory.Score(score: row[1], band: row[2], lowConfidence: row[3], measureSet: row[4]))
                    measures.append(row[5])
                }
                _ = try HealthHistory.write(day: day, keys: dayKeys, scores: scores, measures: measures, in: db)
            }
            try db.execute(sql: "DROP TABLE health_snapshot")
        }

        m.registerMigration("v13-model-term-given") { db in
            // Missing is missing (issue 15): the contract term is a measure only where an
            // import gave it; a term other than the default annual one surely was.
            try db.execute(sql: """
                ALTER TABLE account ADD COLUMN term_given INTEGER NOT NULL DEFAULT 0;
                UPDATE account SET term_given = 1 WHERE term_months != 12;
                """)
        }

        return m
    }()

    /// Every migration this build knows, in the order they run. Append-only: a test holds
    /// this list, so a registered migration is never renamed, reordered or removed.
    static var identifiers: [String] { migrator.migrations }
}
