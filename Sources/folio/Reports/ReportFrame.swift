import FolioDomain

/// What every `folio report` says about itself, and the way its figures read.
struct ReportFrame: Encodable {
    var report: String
    var asOf: String
    var from: String
    var to: String
    var scope: String

    /// How a missing rate reads: an empty group has no rate, not 0 %.
    static let notEnoughData = "not enough data"

    /// 0.4567 → 0.457 (JSON and CSV keep three decimals).
    static func rounded(_ value: Double?, places: Double = 1000) -> Double? { value.map { ($0 * places).rounded() / places } }

    /// A rate or any optional number in a CSV table: empty when there is none.
    static func csvNumber(_ value: Double?) -> String { value.map { String($0) } ?? "" }

    static func percent(_ rate: Double?) -> String { rate.map { "\(Int(($0 * 100).rounded())) %" } ?? notEnoughData }

    /// "7 of 12 (58 %)", or "0 of 0 (not enough data)".
    static func ratio(_ r: Ratio) -> String { "\(r.count) of \(r.of) (\(percent(r.rate)))" }

    static func hours(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value < 10 ? "\(((value * 10).rounded() / 10)) h" : "\(Int(value.rounded())) h"
    }

    /// "+12 points", "−5 points".
    static func points(_ value: Double?) -> String {
        guard let value else { return notEnoughData }
        let n = Int(value.rounded())
        return n > 0 ? "+\(n) points" : n < 0 ? "−\(-n) points" : "0 points"
    }
}

/// A report's JSON document: the frame's fields (report, asOf, from, to, scope) beside the
/// report's own, at the top level.
struct FramedJSON<Body: Encodable>: Encodable {
    var frame: ReportFrame
    var body: Body

    func encode(to encoder: any Encoder) throws {
        try frame.encode(to: encoder)
        try body.encode(to: encoder)
    }
}
