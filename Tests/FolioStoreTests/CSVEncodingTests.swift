import Foundation
import Testing
@testable import FolioStore

/// The one CSV encoding: quoting judged by bytes, formulas neutralised (OWASP), numbers kept.
@Suite("CSV encoding")
struct CSVEncodingTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        // Swift sees "\r\n" as one Character; the bytes still get the field quoted.
        ("Jonas\r\nforged,row", "\"Jonas\r\nforged,row\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tindented", "'\tindented"),
        ("\rX", "\"'\rX\""),
        ("-", "'-"),
        ("+.5", "'+.5"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("-0", "-0"),
        ("12.", "12."),
        ("a=b", "a=b"),
        ("Zoë, Ünal", "\"Zoë, Ünal\""),
        ("陈伟", "陈伟"),
    ])
    func fields(text: String, encoded: String) {
        #expect(CSVEncoding.field(text) == encoded)
    }

    @Test func aTableEndsEachLineAsAsked() {
        let table = CSVTable(header: ["login", "name"], rows: [["ana", "=1+1"], ["bo", "x\r\ny"]])
        #expect(table.rendered() == "login,name\r\nana,'=1+1\r\nbo,\"x\r\ny\"\r\n")
        #expect(table.rendered(lineEnd: .lf) == "login,name\nana,'=1+1\nbo,\"x\r\ny\"\n")
        #expect(table.mapFields { $0.uppercased() }.rows == [["ANA", "=1+1"], ["BO", "X\r\nY"]])
    }

    @Test func theFileWriterUsesTheSameEncoding() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("folio-csv-\(UInt32.random(in: 0...UInt32.max)).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var writer = try CSVFileWriter(path: path)
        writer.field("@SUM(1)")
        writer.field("a\r\nb")
        writer.field(-5)
        try writer.endRow()
        try writer.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "'@SUM(1),\"a\r\nb\",-5\n")
    }
}
