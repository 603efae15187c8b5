import Foundation

// Writes a Swift source holding every file of a folder as a string literal, so the
// `folio` binary carries SampleData/ and runs with no source tree beside it.
// Usage: EmbedFiles FOLDER OUTPUT.swift TYPE-NAME

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: EmbedFiles FOLDER OUTPUT.swift TYPE-NAME\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])
let typeName = arguments[3]

/// The folder's regular files by path relative to it, sorted; hidden files are left out.
func files(in folder: URL) -> [String] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                      options: [.skipsHiddenFiles]) else { return [] }
    var names: [String] = []
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
        names.append(String(url.standardizedFileURL.path.dropFirst(folder.path.count + 1)))
    }
    return names.sorted()
}

/// A Swift string literal holding `text` exactly: escapes for the quote, the backslash and
/// every character that is not visible, so the generated line is one line of plain text.
func literal(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            || [0x2028, 0x2029, 0xFEFF].contains(scalar.value):
            result += "\\u{\(String(scalar.value, radix: 16))}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

var source = """
    // Generated at build time by the EmbedSampleData plugin from \(folder.lastPathComponent)/; do not edit.

    enum \(typeName) {
        /// Each file's path relative to \(folder.lastPathComponent)/, and its text.
        static let files: [(name: String, text: String)] = [

    """
for name in files(in: folder) {
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    guard let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("\(folder.path)/\(name): error: is not UTF-8 text; only text files can be built into folio\n".utf8))
        exit(1)
    }
    source += "        (\(literal(name)), \(literal(text))),\n"
}
source += "    ]\n}\n"

// Rewrite only on a change, so an unchanged folder does not recompile the target.
if (try? Data(contentsOf: output)) != Data(source.utf8) {
    try Data(source.utf8).write(to: output, options: .atomic)
}
