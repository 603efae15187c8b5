import FolioDomain
import GRDB

/// Why an account has its score: the latest snapshot's measures, what moved since the
/// previous snapshot, and the smallest single change that would lift it a band.
public struct AccountExplanation: Sendable {
    public var account: Account
    public var snapshot: HealthSnapshot
    public var previous: HealthSnapshot?
    public var changes: [MeasureChange]
    public var lift: BandLift?
    public var summary: String

    /// Finds the account by id, exact name or a unique start of its name (any case).
    public static func findAccount(_ reference: String, in db: Database) throws -> Result<Account, AccountLookupFailure> {
        if let a = try Account.find(id: reference, in: db) { return .success(a) }
        let named = try Account.filter(Account.Columns.name.collating(.nocase) == reference).fetchAll(db)
        if named.count == 1 { return .success(named[0]) }
        let lowered = reference.lowercased()
        let all = try Account.order(Account.Columns.name).fetchAll(db)
        let prefixed = all.filter { $0.name.lowercased().hasPrefix(lowered) }
        if prefixed.count == 1 { return .success(prefixed[0]) }
        let candidates = (named.isEmpty ? prefixed : named).prefix(5).map { "\($0.id) (\($0.name))" }
        return .failure(candidates.isEmpty ? .notFound(reference) : .ambiguous(reference, candidates: Array(candidates)))
    }

    public static func load(account: Account, asOf: Day, profile: HealthProfile, in db: Database) throws -> AccountExplanation? {
        guard let snapshot = try SnapshotStore.latest(for: account.id, asOf: asOf, in: db) else { return nil }
        let previous = try SnapshotStore.previous(for: account.id, before: snapshot.date, in: db)
        let changes = previous.map { HealthExplainer.changes(from: $0, to: snapshot) } ?? []
        let inputs = inputs(of: snapshot, tier: account.tier, profile: profile)
        let lift = HealthExplainer.smallestLift(for: snapshot, tier: account.tier, profile: profile, inputs: inputs, asOf: snapshot.date)
        return AccountExplanation(account: account, snapshot: snapshot, previous: previous, changes: changes, lift: lift,
                                  summary: HealthExplainer.summary(of: snapshot, profile: profile))
    }

    /// The inputs a snapshot was computed from: each measure keeps its raw value and date.
    static func inputs(of snapshot: HealthSnapshot, tier: Account.Tier, profile: HealthProfile) -> HealthInputs {
        var inputs = HealthInputs()
        let sources = Dictionary(profile.measures(for: tier).map { ($0.name, $0.source) }, uniquingKeysWith: { a, _ in a })
        for m in snapshot.measures {
            guard let source = sources[m.name] else { continue }
            if let category = m.category {
                inputs[source] = HealthInput(category: category, at: m.inputDate ?? snapshot.date)
            } else if let raw = m.raw {
                inputs[source] = HealthInput(raw, at: m.inputDate ?? snapshot.date)
            }
        }
        return inputs
    }
}

public enum AccountLookupFailure: Error, CustomStringConvertible {
    case notFound(String)
    case ambiguous(String, candidates: [String])

    public var description: String {
        switch self {
        case .notFound(let r): return "no account \"\(r)\" (by id, name or the start of a name)"
        case .ambiguous(let r, let c): return "\"\(r)\" matches several accounts: \(c.joined(separator: ", "))\(c.count == 5 ? ", …" : ""); use the id"
        }
    }
}
