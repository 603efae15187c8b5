/// The built-in mappings as a person reads them: `folio import --maps` and `--show-map NAME`.
public enum MappingCatalog {
    /// Each built-in: its name, kind, what it reads, and what you name in your own mapping.
    public static func listing() -> String {
        var lines: [String] = []
        for name in BuiltInMappings.names {
            guard let mapping = try? ImportMapping.builtIn(name) else { continue }
            lines.append("\(name) (\(mapping.kind?.rawValue ?? "any kind"))")
            lines.append("    \(mapping.summary)")
            if !mapping.needs.isEmpty {
                lines.append("    you name, when your export has no column of the usual names: \(mapping.needs.keys.sorted().joined(separator: ", "))")
            }
        }
        lines.append("")
        lines.append("Use one: folio import --map NAME FILE. Add your org's fields in a YAML file that says `extends: NAME`")
        lines.append("(folio import --show-map NAME prints what it maps; --suggest-map FILE drafts one for a file).")
        return lines.joined(separator: "\n")
    }

    /// The YAML of a built-in mapping.
    public static func yaml(named name: String) -> String? {
        guard let text = BuiltInMappings.text(named: name) else { return nil }
        return "# folio import --map \(name)\n" + text + (text.hasSuffix("\n") ? "" : "\n")
    }
}
