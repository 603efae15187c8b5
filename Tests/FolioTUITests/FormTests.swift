import FolioDomain
import Testing
@testable import FolioTUI

/// The generic form: moving between fields, editing text and choices, problems by field.
@Suite struct FormTests {
    func form() -> Form {
        Form(title: "T", fields: [
            .text("name", "Name", maxLength: 5, presets: ["ab", "cd"]),
            .choice("color", "Colour", options: ["red", "green", "grey", "blue"]),
        ], purpose: .logActivity(accountID: "A"))
    }

    @Test func tabAndShiftTabWrapAroundAndEnterAndEscAnswer() {
        var f = form()
        #expect(f.edit(.tab) == .edited && f.focus == 1)
        #expect(f.edit(.tab) == .edited && f.focus == 0)
        #expect(f.edit(.backTab) == .edited && f.focus == 1)
        #expect(f.edit(.up) == .edited && f.focus == 0)
        #expect(f.edit(.enter) == .submit)
        #expect(f.edit(.escape) == .cancel)
    }

    @Test func textFieldsTypeUpToTheirLengthAndStepThroughPresets() {
        var f = form()
        for c in "abcdefg" { _ = f.edit(.char(c)) }
        #expect(f.value("name") == "abcde")
        _ = f.edit(.backspace)
        #expect(f.value("name") == "abcd")
        _ = f.edit(.ctrl("u"))
        #expect(f.value("name") == "")
        _ = f.edit(.right)
        #expect(f.value("name") == "ab")
        _ = f.edit(.right)
        _ = f.edit(.right)
        #expect(f.value("name") == "ab")
        _ = f.edit(.left)
        #expect(f.value("name") == "cd")
    }

    /// The 2001st character of a log's summary is refused as it is typed (said under the
    /// field), never accepted and then refused on submitting.
    @Test func theCharacterPastTheLimitIsRefusedAsItIsTyped() {
        var f = Forms.logActivity(accountID: "A1", accountName: "Acme", asOf: Day(iso: "2026-11-23")!)
        f.focus = 3
        for _ in 0..<2000 { _ = f.edit(.char("x")) }
        #expect(f.value("summary").count == 2000 && f.fields[3].problem == nil)
        _ = f.edit(.char("y"))
        #expect(f.value("summary") == String(repeating: "x", count: 2000))
        #expect(f.fields[3].problem == "2000 characters at most: that character was not taken")
        #expect(ActivityDraft(kind: .call, date: Day(iso: "2026-11-23")!, summary: f.value("summary")).problems(asOf: Day(iso: "2026-11-23")!).isEmpty)
        _ = f.edit(.backspace)
        f.paste("abc")
        #expect(f.value("summary").count == 2000 && f.fields[3].problem == "2000 characters at most: the last 2 characters were not taken")
    }

    @Test func choicesStepAndJumpByLetter() {
        var f = form()
        f.focus = 1
        #expect(f.value("color") == "red")
        _ = f.edit(.char(" "))
        #expect(f.value("color") == "green")
        _ = f.edit(.char("g"))
        #expect(f.value("color") == "grey")
        _ = f.edit(.char("g"))
        #expect(f.value("color") == "green")
        _ = f.edit(.left)
        _ = f.edit(.left)
        #expect(f.value("color") == "blue")
        _ = f.edit(.char("z"))
        #expect(f.value("color") == "blue")
    }

    @Test func problemsGoUnderTheirFieldAndEditingClearsThem() {
        var f = form()
        f.focus = 1
        f.show(problems: ["name": "too short", "whole": "refused"])
        #expect(f.fields[0].problem == "too short" && f.error == "refused" && f.focus == 0 && f.hasProblems)
        _ = f.edit(.char("x"))
        #expect(f.fields[0].problem == nil)
        f.show(problems: [:])
        #expect(!f.hasProblems)
    }

    @Test func timePassingReloadsOnlyTheViewsWithACountdown() {
        var state = TriageFixtures.alertsState()
        #expect(reduce(&state, .timePassed) == [.loadAlerts])
        _ = reduce(&state, .run(.book))
        #expect(reduce(&state, .timePassed) == [])
    }
}
