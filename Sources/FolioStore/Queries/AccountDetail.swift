import FolioDomain
import GRDB

/// What the account view shows besides the score: contacts with their roles and latest
/// NPS, the activity timeline, weekly usage, open support cases and payment status,
/// all as of a day.
public struct AccountDetail: Sendable, Hashable {
    public struct ContactLine: Sendable, Hashable {
        public var contact: Contact
        /// The contact's latest NPS response on or before the day.
        public var latestNPS: NPSResponse?
        public init(contact: Contact, latestNPS: NPSResponse?) {
            self.contact = contact
            self.latestNPS = latestNPS
        }
    }

    public struct ActivityLine: Sendable, Hashable {
        public var activity: Activity
        public var authorName: String
        public init(activity: Activity, authorName: String) {
            self.activity = activity
            self.authorName = authorName
        }
    }

    public var contacts: [ContactLine]
    /// Newest first, at most `timelineLimit`.
    public var activities: [ActivityLine]
    /// Oldest first, the last `usageWeeks` weeks that have data.
    public var usage: [UsageWeek]
    /// Support cases open on the day, most severe first.
    public var openCases: [SupportCase]
    /// The latest payment status on or before the day.
    public var payment: PaymentStatus?
    /// Alerts not yet resolved, worst first, then those resolved in the last `recentAlertDays`
    /// (control-group shadows apart).
    public var alerts: [Alert]
    /// The open renewal opportunity, if the renewal is near enough to have one.
    public var renewal: RenewalOpportunity?

    public init(contacts: [ContactLine] = [], activities: [ActivityLine] = [], usage: [UsageWeek] = [],
                openCases: [SupportCase] = [], payment: PaymentStatus? = nil, alerts: [Alert] = [],
                renewal: RenewalOpportunity? = nil) {
        self.alerts = alerts
        self.renewal = renewal
        self.contacts = contacts
        self.activities = activities
        self.usage = usage
        self.openCases = openCases
        self.payment = payment
    }

    public static let timelineLimit = 12
    public static let usageWeeks = 12
    public static let recentAlertDays = 30

    public static func load(accountID: String, asOf: Day, in db: Database) throws -> AccountDetail {
        let day = asOf.iso
        let contacts = try Contact.filter(Contact.Columns.accountID == accountID).order(Contact.Columns.name, Contact.Columns.id).fetchAll(db)
        let responses = try NPSResponse.fetchAll(db, sql: """
            SELECT n.* FROM nps_response n JOIN contact c ON c.id = n.contact_id
            WHERE c.account_id = ? AND n.date <= ? ORDER BY n.date
            """, arguments: [accountID, day])
        var latest: [String: NPSResponse] = [:]
        for response in responses { latest[response.contactID] = response }
        let contactLines = contacts.map { ContactLine(contact: $0, latestNPS: latest[$0.id]) }

        let activityRows = try Row.fetchAll(db, sql: """
            SELECT a.*, COALESCE(u.name, a.author) AS author_name FROM activity a LEFT JOIN user u ON u.login = a.author
            WHERE a.account_id = ? AND a.date <= ? ORDER BY a.date DESC, a.id DESC LIMIT ?
            """, arguments: [accountID, day, timelineLimit])
        let activities = try activityRows.map { ActivityLine(activity: try Activity(row: $0), authorName: $0["author_name"]) }

        let usage = try UsageWeek.filter(UsageWeek.Columns.accountID == accountID && UsageWeek.Columns.week <= asOf)
            .order(UsageWeek.Columns.week.desc).limit(usageWeeks).fetchAll(db).reversed()

        typealias Case = SupportCase.Columns
        let cases = try SupportCase.filter(Case.accountID == accountID && Case.opened <= asOf && (Case.closed == nil || Case.closed > asOf))
            .fetchAll(db).sorted { ($0.priority, $1.opened) > ($1.priority, $0.opened) }

        let payment = try PaymentStatus.filter(PaymentStatus.Columns.accountID == accountID && PaymentStatus.Columns.asOf <= asOf)
            .order(PaymentStatus.Columns.asOf.desc).fetchOne(db)

        let alerts = try Alert.fetchAll(db, sql: """
            SELECT * FROM alert WHERE account_id = ? AND shadow = 0 AND raised_on <= ?
              AND (state != 'resolved' OR resolved_at >= ?)
            ORDER BY state = 'resolved', CASE severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'amber' THEN 2 ELSE 3 END, raised_at DESC
            """, arguments: [accountID, day, Int64(asOf.adding(days: -recentAlertDays).ordinal) * 86_400]).withRecipients(in: db)

        let renewal = try RenewalOpportunity.filter(RenewalOpportunity.Columns.accountID == accountID && RenewalOpportunity.Columns.closedOn == nil)
            .order(RenewalOpportunity.Columns.closeDate).fetchOne(db)

        return AccountDetail(contacts: contactLines, activities: activities, usage: Array(usage), openCases: cases, payment: payment,
                             alerts: alerts, renewal: renewal)
    }

    /// The day of the newest health snapshot on or before `asOf` across the book: how old the scores are.
    public static func latestScoreDay(asOf: Day, in db: Database) throws -> Day? {
        try HealthHistory.latestDay(onOrBefore: asOf, in: db)
    }

    /// A user's display name by login.
    public static func userName(_ login: String, in db: Database) throws -> String? {
        try User.select(User.Columns.name, as: String.self).filter(User.Columns.login == login).fetchOne(db)
    }
}
