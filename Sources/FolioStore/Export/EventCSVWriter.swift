import FolioDomain
import Foundation

/// Writes product-analytics events for a generated portfolio (`folio generate --events`):
/// `events.csv` (timestamp, account, user, event, event id) following each account's weekly
/// usage, about eight events a week, more when the account is busy and fewer when its usage
/// falls, and `events-map.yaml`, the mapping that says which events are logins, key actions
/// and features. Deterministic: the same portfolio gives the same events.
public final class EventCSVWriter {
    public static let features = ["Dashboards", "Exports", "Automations", "Integrations", "Reports", "Mobile"]

    private var writer: CSVFileWriter
    public var rows: Int { writer.rows }
    public var path: String { writer.path }

    public init(directory: String) throws(PortfolioExportError) {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        writer = try CSVFileWriter(path: folder.appendingPathComponent("events.csv").path)
        try writer.header(["timestamp", "account_id", "user", "event", "event_id"])
        let map = """
            # The events `folio generate --events` writes: import with
            #   folio import --map \(directory)/events-map.yaml \(directory)/events.csv
            kind: events
            logins: [Logged In]
            key_events: [Key Action]
            features:
            \(Self.features.map { "  Used \($0): \($0.lowercased())" }.joined(separator: "\n"))
            features_available: \(Self.features.count)

            """
        do {
            try Data(map.utf8).write(to: folder.appendingPathComponent("events-map.yaml"))
        } catch {
            throw .cannotWrite(path: folder.appendingPathComponent("events-map.yaml").path, reason: error.localizedDescription)
        }
    }

    /// The events of one account's week.
    public func write(_ usage: UsageWeek) throws(PortfolioExportError) {
        var hash = StableHash()
        hash.add(usage.accountID)
        hash.add(usage.week.iso)
        let h = hash.value
        // About eight a week for an ordinary account; the log keeps big accounts from dominating.
        let count = max(1, min(30, Int((log2(Double(usage.keyActions + 1)) * 0.82).rounded())))
        let pool = max(1, min(usage.activeUsers, 8))
        for i in 0..<count {
            let mix = h &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15
            // Tuesday to Thursday, 10:00 to 14:00 UTC: the same week in any account's time zone.
            let day = usage.week.adding(days: 1 + i % 3)
            let seconds = 36_000 + Int(mix >> 40) % 14_400
            writer.field(Self.timestamp(day, seconds))
            writer.field(usage.accountID)
            writer.field("\(usage.accountID)-u\(Int(mix >> 20) % pool + 1)")
            let event: String
            if i % 4 == 0 {
                event = "Logged In"
            } else if i % 3 == 1 {
                event = "Used " + Self.features[Int(mix >> 50) % Self.features.count]
            } else {
                event = "Key Action"
            }
            writer.field(event)
            writer.field("e" + String(mix, radix: 36))
            try writer.endRow()
        }
    }

    public func finish() throws(PortfolioExportError) {
        try writer.close()
    }

    /// `2026-11-03T10:15:42Z`.
    static func timestamp(_ day: Day, _ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(day.iso)T\(two(h)):\(two(m)):\(two(s))Z"
    }
}
