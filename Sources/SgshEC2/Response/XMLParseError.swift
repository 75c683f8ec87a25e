/// The response body was not well-formed XML.
struct XMLParseError: Error, CustomStringConvertible {
    let detail: String
    var description: String { "malformed XML: \(detail)" }
}
