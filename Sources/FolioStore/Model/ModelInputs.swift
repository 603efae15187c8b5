import FolioDomain
import GRDB

/// The inputs of the accounts active on each of some days, read as the daily run reads them
/// (as of that day), as columns a fit learns from or a profile is scored on: every built-in
/// source and every account attribute the book holds, whatever the profile measures.
public enum ModelInputs {
    /// Every source there is to learn from in this database.
    public static func sources(in db: Database) throws -> Set<MeasureSource> {
        var out = Set(MeasureSource.allCases)
        for name in try String.fetchAll(db, sql: "SELECT DISTINCT lower(trim(name)) FROM account_attribute") {
            if let normal = MeasureSource.attributeName(name) { out.insert(.attribute(normal)) }
        }
        return out
    }

    /// One case per account active on each day; `folds` cross-validation folds by a stable
    /// hash of the account id (all of an account's days in one fold).
    public static func load(days: [Day], book: ModelBook, horizonDays: Int, sources: Set<MeasureSource>, folds: Int = 5,
                            in db: Database) throws -> (data: FitData, days: [Day]) {
        let numbers = sources.filter { $0.attributeName == nil }.sorted { $0.rawValue < $1.rawValue }
        let attributes = sources.filter { $0.attributeName != nil }.sorted { $0.rawValue < $1.rawValue }
        var values = [[Float]](repeating: [], count: numbers.count)
        var attributeInputs = [[HealthInput?]](repeating: [], count: attributes.count)
        var churned: [Bool] = [], accounts: [Int32] = [], tiers: [Account.Tier] = [], foldOf: [UInt8] = [], caseDays: [Day] = []
        for day in days {
            let eligible = book.active(on: day).filter { book.outcome($0, after: day, horizonDays: horizonDays) != nil }
            let loaded = try HealthInputLoader(asOf: day, sources: sources).load(accounts: eligible.map { book.account($0, on: day) }, in: db)
            for (k, i) in eligible.enumerated() {
                let inputs = loaded.health[k]
                for (c, source) in numbers.enumerated() { values[c].append(inputs[source].map { Float($0.value) } ?? .nan) }
                for (c, source) in attributes.enumerated() { attributeInputs[c].append(inputs[source]) }
                churned.append(book.outcome(i, after: day, horizonDays: horizonDays) ?? false)
                accounts.append(Int32(i))
                tiers.append(book.accounts[i].tier)
                foldOf.append(UInt8(StableHash(book.accounts[i].id).value % UInt64(max(1, folds))))
                caseDays.append(day)
            }
        }
        var columns: [FitData.Column] = []
        for (c, source) in numbers.enumerated() where values[c].contains(where: { !$0.isNaN }) {
            columns.append(FitData.Column(source: source, values: values[c]))
        }
        for (c, source) in attributes.enumerated() {
            if let column = column(source, attributeInputs[c]) { columns.append(column) }
        }
        return (FitData(columns: columns, churned: churned, accounts: accounts, tiers: tiers, folds: foldOf), caseDays)
    }

    /// An attribute's column: words when most values are words (numbers then count as their
    /// text), else numbers (a stray word, "n/a", counts as no data).
    static func column(_ source: MeasureSource, _ inputs: [HealthInput?]) -> FitData.Column? {
        var wordCount = 0, numberCount = 0
        for input in inputs {
            guard let input else { continue }
            if input.category != nil { wordCount += 1 } else { numberCount += 1 }
        }
        guard wordCount + numberCount > 0 else { return nil }
        guard wordCount > numberCount else {
            return FitData.Column(source: source, values: inputs.map { $0.flatMap { $0.category == nil ? Float($0.value) : nil } ?? .nan })
        }
        var codes: [String: Int] = [:], words: [String] = []
        let values: [Float] = inputs.map { input in
            guard let input else { return .nan }
            let word = input.category ?? source.format(input.value)
            if let code = codes[word] { return Float(code) }
            codes[word] = words.count
            words.append(word)
            return Float(words.count - 1)
        }
        return FitData.Column(source: source, values: values, words: words)
    }
}
