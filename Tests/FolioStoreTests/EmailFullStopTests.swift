import Testing
@testable import FolioStore

/// A name ending in a full stop before the template's own: one full stop in the email.
@Suite struct EmailFullStopTests {
    @Test(arguments: [
        ("how things are going at Biały Kamień Software Kft..", "how things are going at Biały Kamień Software Kft."),
        ("Kft.. Then more.", "Kft. Then more."),
        ("wait... really", "wait... really"),
        ("a.b.c.", "a.b.c."),
        ("....", "...."),
        ("no stop", "no stop"),
    ])
    func twoStopsBecomeOne(text: String, expected: String) {
        #expect(EmailTemplate.oneFullStop(text) == expected)
    }
}
