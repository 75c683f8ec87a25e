// The INI dialect of ~/.aws/credentials and ~/.aws/config: `[section]`
// headers, `key = value` lines, `#` and `;` comment lines. Indented lines
// (nested sub-settings such as `s3 =` blocks) are ignored; sgsh needs none.

/// A parsed AWS shared config or credentials file.
struct INIFile: Sendable {
    /// Section name → key → value; keys are lower-cased.
    private(set) var sections: [String: [String: String]] = [:]

    init(_ text: String) {
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if let first = rawLine.first, first == " " || first == "\t" { continue }
            let line = rawLine.trimmingASCIIWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast()).trimmingASCIIWhitespace()
                current = name
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingASCIIWhitespace().lowercased()
            let value = String(line[line.index(after: equals)...]).trimmingASCIIWhitespace()
            sections[section, default: [:]][key] = value
        }
    }

    /// The keys of a section, or nil when the section is absent.
    func section(_ name: String) -> [String: String]? { sections[name] }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
