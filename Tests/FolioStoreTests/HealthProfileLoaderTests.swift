import FolioDomain
import Foundation
import Testing
@testable import FolioStore

/// The health profile file: the sample equals the built-in defaults, and a bad profile is
/// refused with the file, line and what is wrong.
@Suite struct HealthProfileLoaderTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData/health-profile.yaml").path

    /// One measure, valid; cases below change a line of it.
    static let one = """
        measures:
          - name: seat utilisation
            source: seat-utilisation
            group: usage
            poor: 0.4
            healthy: 0.8
            weight: 15
        """

    static func load(_ yaml: String) throws(ImportFailed) -> HealthProfile {
        try HealthProfileLoader.load(yaml: yaml, file: "p.yaml")
    }

    /// The problems of a profile that must be refused, as `file:line:column: message`.
    static func problems(_ yaml: String) -> [String] {
        do throws(ImportFailed) {
            let profile = try load(yaml)
            return ["accepted: \(profile.name)"]
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func sampleEqualsTheStandardProfile() throws {
        let profile = try HealthProfileLoader.load(path: Self.sample)
        #expect(profile == HealthProfile.standard)
        for (a, b) in zip(profile.measures, HealthProfile.standard.measures) { #expect(a == b, "\(a.name)") }
    }

    @Test func minimalProfileTakesDefaults() throws {
        let profile = try Self.load(Self.one)
        #expect(profile.name == "p.yaml")
        #expect(profile.bands == .redYellowGreen)
        #expect(profile.lowConfidenceShare == 0.5)
        #expect(profile.tierMeasures.isEmpty)
        #expect(profile.measures == [HealthMeasure(name: "seat utilisation", source: .seatUtilisation, group: "usage",
                                                   direction: .higherIsBetter, poor: 0.4, healthy: 0.8, weight: 15)])
    }

    @Test func nameDefaultsToTheFileStem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("folio-health-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("strict.yaml").path
        try Data(Self.one.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try HealthProfileLoader.load(path: path).name == "strict")
        #expect(throws: ImportFailed.self) { try HealthProfileLoader.load(path: dir.appendingPathComponent("none.yaml").path) }
        do throws(ImportFailed) {
            _ = try HealthProfileLoader.load(path: dir.appendingPathComponent("none.yaml").path)
        } catch {
            #expect(error.problems.map(\.description) == ["\(dir.path)/none.yaml:1:1: no such file"])
        }
    }

    @Test func directionIsInferredWhenLeftOut() throws {
        let profile = try Self.load("""
            measures:
              - { name: overdue, source: days-overdue, group: commercial, poor: 30, healthy: 0, weight: 10 }
            """)
        #expect(profile.measures[0].direction == .lowerIsBetter)
    }

    @Test func presetsAndCustomBands() throws {
        #expect(try Self.load("bands: gocsm\n" + Self.one).bands == .goCSM)
        #expect(try Self.load("bands: red-yellow-green\n" + Self.one).bands == .redYellowGreen)
        let custom = try Self.load("""
            bands:
              - { name: Low, min: 0, max: 49 }
              - { name: High, min: 50, max: 100 }
            low_confidence_share: 0.25
            name: two bands
            """ + "\n" + Self.one)
        #expect(custom.bands.bands == [Band(name: "Low", min: 0, max: 49), Band(name: "High", min: 50, max: 100)])
        #expect(custom.lowConfidenceShare == 0.25)
        #expect(custom.name == "two bands")
    }

    @Test func capsFreshnessAndYesNo() throws {
        let profile = try Self.load("""
            measures:
              - name: overdue
                source: days-overdue
                group: commercial
                direction: lower-is-better
                poor: 30
                healthy: 0
                weight: 10
                cap: { from: 60, max_score: 40 }
                fresh_days: 7
              - { name: sponsor, source: sponsor-present, group: relationship, poor: no, healthy: yes, weight: 6 }
            """)
        #expect(profile.measures[0].cap == .init(from: 60, maxScore: 40))
        #expect(profile.measures[0].freshnessDays == 7)
        #expect(profile.measures[1].poor == 0 && profile.measures[1].healthy == 1)
    }

    @Test func tiersOverrideNamedMeasures() throws {
        let yaml = (try? String(contentsOfFile: Self.sample, encoding: .utf8))! + """

            tiers:
              smb:
                days since last activity: { poor: 120, healthy: 30 }
                days payment overdue: { cap: none }
              enterprise:
                executive sponsor present: { weight: 10 }
                latest NPS answer: { fresh_days: 365 }
              mid-market: {}
            """
        let profile = try HealthProfileLoader.load(yaml: yaml, file: "tiers.yaml")
        #expect(profile.measures == HealthProfile.standard.measures)
        #expect(Set(profile.tierMeasures.keys) == [.smb, .enterprise])
        let smb = profile.measures(for: .smb)
        #expect(smb[3].poor == 120 && smb[3].healthy == 30 && smb[3].weight == 6)
        #expect(smb[10].cap == nil)
        #expect(smb.count == 15)
        let enterprise = profile.measures(for: .enterprise)
        #expect(enterprise[5].weight == 10 && enterprise[6].freshnessDays == 365)
        #expect(profile.measures(for: .midMarket) == HealthProfile.standard.measures)
    }

    // MARK: Refusals

    struct Refusal: CustomTestStringConvertible, Sendable {
        var label: String
        var yaml: String
        var problem: String
        var testDescription: String { label }
    }

    static let refusals: [Refusal] = [
        Refusal(label: "YAML syntax", yaml: "measures:\n  - name: [seat\n    source: x\n", problem: "p.yaml:3:11: YAML syntax: did not find expected ',' or ']'"),
        Refusal(label: "empty file", yaml: "", problem: "p.yaml:1:1: is empty; expected a health profile with `measures:`"),
        Refusal(label: "no measures", yaml: "bands: gocsm\n",
                problem: "p.yaml:1:1: the health profile has no `measures:`; expected a list of measures"),
        Refusal(label: "measures not a list", yaml: "measures: seat\n",
                problem: "p.yaml:1:11: measures must be a list of at least one measure"),
        Refusal(label: "unknown top-level key", yaml: "measure: []\n" + one,
                problem: "p.yaml:1:1: unknown key \"measure\" in the health profile; expected name, bands, low_confidence_share, measures or tiers"),
        Refusal(label: "unknown source", yaml: one.replacingOccurrences(of: "source: seat-utilisation", with: "source: seats"),
                problem: "p.yaml:3:13: unknown source \"seats\"; expected one of seat-utilisation, key-action-trend, feature-depth, days-since-activity, days-since-meeting, sponsor-present, nps-mean, nps-latest, open-critical-cases, severe-cases-90d, cases-90d, case-days-open, days-overdue, days-to-renewal, tenure-months, contract-term, arr-change or attribute:NAME (an account attribute)"),
        Refusal(label: "a weight past the bound", yaml: one.replacingOccurrences(of: "weight: 15", with: "weight: 1e308"),
                problem: "p.yaml:7:13: weight must be between -1000000000000 and 1000000000000, not 1e+308"),
        Refusal(label: "a weight past a thousand", yaml: one.replacingOccurrences(of: "weight: 15", with: "weight: 5000"),
                problem: "p.yaml:7:13: measure \"seat utilisation\": weight must be at most 1000, not 5000"),
        Refusal(label: "a threshold past the bound", yaml: one.replacingOccurrences(of: "healthy: 0.8", with: "healthy: 1e300"),
                problem: "p.yaml:6:14: healthy must be between -1000000000000 and 1000000000000, not 1e+300"),
        Refusal(label: "unknown measure key", yaml: one + "\n    colour: red",
                problem: "p.yaml:8:5: unknown key \"colour\" in a measure; expected name, source, group, direction, poor, healthy, weight, cap, fresh_days, scores or other"),
        Refusal(label: "missing field", yaml: one.replacingOccurrences(of: "    weight: 15", with: ""),
                problem: "p.yaml:2:5: measure \"seat utilisation\" has no `weight`"),
        Refusal(label: "weight zero", yaml: one.replacingOccurrences(of: "weight: 15", with: "weight: 0"),
                problem: "p.yaml:7:13: measure \"seat utilisation\": weight must be more than 0, not 0; leave the measure out instead"),
        Refusal(label: "weight negative", yaml: one.replacingOccurrences(of: "weight: 15", with: "weight: -2.5"),
                problem: "p.yaml:7:13: measure \"seat utilisation\": weight must be more than 0, not -2.5; leave the measure out instead"),
        Refusal(label: "weight not a number", yaml: one.replacingOccurrences(of: "weight: 15", with: "weight: heavy"),
                problem: "p.yaml:7:13: weight must be a number, not \"heavy\""),
        Refusal(label: "poor equals healthy", yaml: one.replacingOccurrences(of: "healthy: 0.8", with: "healthy: 0.4"),
                problem: "p.yaml:6:14: measure \"seat utilisation\": poor and healthy are both 0.4; a measure needs a range between them"),
        Refusal(label: "direction against thresholds", yaml: one + "\n    direction: lower-is-better",
                problem: "p.yaml:8:16: measure \"seat utilisation\": direction lower-is-better needs healthy below poor, but poor is 0.4 and healthy 0.8"),
        Refusal(label: "unknown direction", yaml: one + "\n    direction: up",
                problem: "p.yaml:8:16: unknown direction \"up\"; expected higher-is-better or lower-is-better"),
        Refusal(label: "duplicate measure", yaml: one + "\n" + one.split(separator: "\n").dropFirst().joined(separator: "\n"),
                problem: "p.yaml:8:11: measure \"seat utilisation\" is already defined on line 2; names must be unique"),
        Refusal(label: "repeated key", yaml: one + "\n    weight: 20",
                problem: "p.yaml:7:5: \"weight\" is given more than once in the same mapping; keep one"),
        Refusal(label: "cap score out of range", yaml: one + "\n    cap: { from: 0.2, max_score: 140 }",
                problem: "p.yaml:8:34: cap max_score must be a score between 0 and 100, not 140"),
        Refusal(label: "cap without from", yaml: one + "\n    cap: { max_score: 40 }",
                problem: "p.yaml:8:10: cap has no `from`"),
        Refusal(label: "fresh days not whole", yaml: one + "\n    fresh_days: 1.5",
                problem: "p.yaml:8:17: fresh_days must be a whole number, not 1.5"),
        Refusal(label: "low confidence share", yaml: "low_confidence_share: 2\n" + one,
                problem: "p.yaml:1:23: low_confidence_share must be between 0 and 1 (a share of the score), not 2"),
        Refusal(label: "unknown band preset", yaml: "bands: traffic-lights\n" + one,
                problem: "p.yaml:1:8: unknown bands \"traffic-lights\"; expected red-yellow-green or gocsm or a list of {name, min, max}"),
        Refusal(label: "bands overlap", yaml: """
            bands:
              - { name: Red, min: 0, max: 40 }
              - { name: Yellow, min: 40, max: 70 }
              - { name: Green, min: 71, max: 100 }
            """ + "\n" + one,
                problem: "p.yaml:3:5: band Yellow (40–70) overlaps Red (0–40); it should start at 41"),
        Refusal(label: "bands gap", yaml: """
            bands:
              - { name: Red, min: 0, max: 40 }
              - { name: Yellow, min: 42, max: 70 }
              - { name: Green, min: 71, max: 100 }
            """ + "\n" + one,
                problem: "p.yaml:3:5: gap between Red (0–40) and Yellow (42–70): 41 is in no band; start Yellow at 41"),
        Refusal(label: "bands not from zero", yaml: """
            bands:
              - { name: Red, min: 1, max: 40 }
              - { name: Green, min: 41, max: 100 }
            """ + "\n" + one,
                problem: "p.yaml:2:5: bands must start at 0, but Red starts at 1; scores 0–0 would have no band"),
        Refusal(label: "bands short of 100", yaml: """
            bands:
              - { name: Red, min: 0, max: 40 }
              - { name: Green, min: 41, max: 99 }
            """ + "\n" + one,
                problem: "p.yaml:3:5: bands must end at 100, but Green ends at 99"),
        Refusal(label: "band edge not whole", yaml: """
            bands:
              - { name: Red, min: 0, max: 40.5 }
              - { name: Green, min: 41, max: 100 }
            """ + "\n" + one,
                problem: "p.yaml:2:31: band max must be a whole number, not 40.5"),
        Refusal(label: "band upside down", yaml: """
            bands:
              - { name: Red, min: 40, max: 0 }
            """ + "\n" + one,
                problem: "p.yaml:2:23: band Red runs from 40 down to 0; min must not be above max"),
        Refusal(label: "unknown tier", yaml: one + "\ntiers:\n  startup:\n    seat utilisation: { weight: 1 }",
                problem: "p.yaml:9:3: unknown key \"startup\" in tiers; expected enterprise, mid-market or smb"),
        Refusal(label: "unknown measure in tier", yaml: one + "\ntiers:\n  smb:\n    seats: { weight: 1 }",
                problem: "p.yaml:10:5: tier smb: no measure named \"seats\"; expected one of \"seat utilisation\""),
        Refusal(label: "tier weight zero", yaml: one + "\ntiers:\n  smb:\n    seat utilisation: { weight: 0 }",
                problem: "p.yaml:10:33: tier smb, measure \"seat utilisation\": weight must be more than 0, not 0; leave the measure out instead"),
        Refusal(label: "tier flips thresholds", yaml: one + "\ntiers:\n  smb:\n    seat utilisation: { poor: 0.9 }",
                problem: "p.yaml:10:31: tier smb, measure \"seat utilisation\": direction higher-is-better needs healthy above poor, but poor is 0.9 and healthy 0.8"),
        Refusal(label: "tier unknown field", yaml: one + "\ntiers:\n  smb:\n    seat utilisation: { source: nps-mean }",
                problem: "p.yaml:10:25: unknown key \"source\" in tier smb, measure \"seat utilisation\"; expected direction, poor, healthy, weight, cap, fresh_days, scores or other"),
        Refusal(label: "a word in a number's table", yaml: Self.table("nps-latest", "{ 0-6: 0, great: 100 }"),
                problem: "p.yaml:5:13: measure \"t\": nps-latest is a number, so scores needs numbers or ranges, not \"great\""),
        Refusal(label: "poor beside a table", yaml: Self.table("nps-latest", "{ 0-6: 0, 10: 100 }") + "\n    poor: 3",
                problem: "p.yaml:7:5: measure \"t\": `poor` has no use with `scores:`; a table scores each value itself"),
        Refusal(label: "other without a table", yaml: one + "\n    other: 50",
                problem: "p.yaml:8:5: measure \"seat utilisation\": `other` goes with `scores:` (the score of a value the table does not name)"),
        Refusal(label: "a range backwards", yaml: Self.table("nps-latest", "{ 6-0: 0 }"),
                problem: "p.yaml:5:15: measure \"t\": the range 6-0 runs backwards; write the lower end first"),
        Refusal(label: "a score above 100", yaml: Self.table("attribute:plan", "{ annual: 120 }"),
                problem: "p.yaml:5:23: the score of annual must be a score between 0 and 100, not 120"),
        Refusal(label: "a key twice", yaml: Self.table("attribute:plan", "{ annual: 70, annual: 80 }"),
                problem: "p.yaml:5:15: \"annual\" is given more than once in the same mapping; keep one"),
        Refusal(label: "a bad attribute name", yaml: one.replacingOccurrences(of: "source: seat-utilisation", with: "source: attribute:a/b"),
                problem: "p.yaml:3:13: attribute name \"a/b\" must be letters, digits, _, -, . or spaces, e.g. attribute:plan"),
        Refusal(label: "a table without scores", yaml: Self.table("attribute:plan", "[annual]"),
                problem: "p.yaml:5:13: measure \"t\": scores must map values to scores"),
    ]

    /// One measure scored by a table.
    static func table(_ source: String, _ scores: String) -> String {
        """
        measures:
          - name: t
            source: \(source)
            group: g
            scores: \(scores)
            weight: 5
        """
    }

    @Test func tablesScoreEachValue() throws {
        let profile = try Self.load("""
            measures:
              - name: NPS
                source: nps-latest
                group: sentiment
                scores: { 0-6: 0, 7: 40, 8: 65, 9: 85, 10: 100 }
                weight: 10
              - name: plan
                source: attribute:Plan
                group: commercial
                scores: { monthly: 0, annual: 70, two-year: 100 }
                other: 50
                weight: 5
              - name: seats bought
                source: attribute:seats_bought
                group: commercial
                poor: 5
                healthy: 50
                weight: 5
            """)
        let nps = profile.measures[0], plan = profile.measures[1], seats = profile.measures[2]
        #expect(nps.table == HealthProfile.npsAnswers)
        let day = Day(iso: "2026-11-23")!
        #expect([3.0, 6, 7, 8, 9, 10].map { nps.score(for: HealthInput($0, at: day)) } == [0, 0, 40, 65, 85, 100])
        #expect(nps.score(for: HealthInput(6.5, at: day)) == nil) // between entries, no `other`: no data
        #expect(plan.source == .attribute("plan"))
        #expect(plan.score(for: HealthInput(attribute: " Annual ", at: day)) == 70)
        #expect(plan.score(for: HealthInput(attribute: "quarterly", at: day)) == 50)
        #expect(seats.score(for: HealthInput(attribute: "27.5", at: day)) == 50)
        #expect(seats.score(for: HealthInput(attribute: "lots", at: day)) == nil) // a word on a line: no data
        #expect(profile.sources.contains(.attribute("seats_bought")))
    }


    @Test(arguments: refusals)
    func refusesWithFileAndLine(_ r: Refusal) {
        let problems = Self.problems(r.yaml)
        #expect(problems.first?.hasPrefix(r.problem) == true, "\(problems)")
    }

    @Test func everyProblemIsListed() {
        let yaml = Self.one.replacingOccurrences(of: "weight: 15", with: "weight: 0")
            .replacingOccurrences(of: "source: seat-utilisation", with: "source: seats") + "\n    colour: red"
        let problems = Self.problems(yaml)
        #expect(problems.count == 2, "\(problems)")  // the weight is checked once the source is known
        #expect(problems.map { $0.split(separator: " ").first ?? "" } == ["p.yaml:3:13:", "p.yaml:8:5:"])
    }

    @Test func aTierNamingARefusedMeasureAddsNoSecondProblem() {
        let yaml = Self.one.replacingOccurrences(of: "weight: 15", with: "weight: 0") + "\ntiers:\n  smb:\n    seat utilisation: { weight: 1 }"
        #expect(Self.problems(yaml).count == 1)
    }

    @Test func refusalReadsAsImportFailure() {
        do throws(ImportFailed) {
            _ = try Self.load(Self.one.replacingOccurrences(of: "weight: 15", with: "weight: 0"))
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("p.yaml:7:13: "))
        }
    }
}
