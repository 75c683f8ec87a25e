// A minimal XML element tree for EC2 responses.
//
// EC2 responses are small and regular (elements and text, no mixed content
// that matters), so the whole body is read into a tree by XMLReader (its own
// UTF-8 byte reader, not FoundationXML: that one links libxml2 and ICU, which
// every sgsh process then paid for at start-up) and the decoders walk it by
// element name. Namespaces are ignored: EC2 puts everything in one default
// namespace.

import Foundation

/// One XML element: its name, child elements and text content.
struct XMLNode: Sendable {
    var name: String
    var children: [XMLNode] = []
    var text: String = ""

    /// The first child element with this name.
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The text of the first child with this name, or nil if there is no such child.
    func string(_ name: String) -> String? { child(name)?.text }

    /// The child's text as an integer (nil when absent or not a number).
    func int(_ name: String) -> Int? {
        string(name).flatMap { Int($0.trimmed) }
    }

    /// The child's text as a boolean (`true`/`false`).
    func bool(_ name: String) -> Bool? {
        switch string(name)?.trimmed {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// The `<item>` children of the named wrapper element (empty when absent).
    func items(_ name: String) -> [XMLNode] { child(name)?.children.filter { $0.name == "item" } ?? [] }

    /// Parses a document and returns its root element.
    static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLNode {
        var reader = XMLReader(bytes)
        return try reader.document()
    }
}
