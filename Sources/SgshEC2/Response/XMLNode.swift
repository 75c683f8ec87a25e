// A minimal XML element tree for EC2 responses.
//
// EC2 responses are small and regular (elements and text, no mixed content
// that matters), so the whole body is read into a tree with FoundationXML's
// XMLParser and the decoders walk it by element name. Namespaces are ignored:
// EC2 puts everything in one default namespace.

import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

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
        string(name).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The child's text as a boolean (`true`/`false`).
    func bool(_ name: String) -> Bool? {
        switch string(name)?.trimmingCharacters(in: .whitespacesAndNewlines) {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// The `<item>` children of the named wrapper element (empty when absent).
    func items(_ name: String) -> [XMLNode] { child(name)?.children.filter { $0.name == "item" } ?? [] }

    /// Parses a document and returns its root element.
    static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLNode {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        let ok = parser.parse()
        guard ok, let root = builder.root else {
            throw XMLParseError(detail: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }
}

/// Builds the tree from parser events; text is kept only for leaf elements.
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLNode] = []
    var root: XMLNode?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        // Drop any namespace prefix (`ec2:item` → `item`).
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(XMLNode(name: local))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard var node = stack.popLast() else { return }
        // Whitespace between child elements is not content.
        if !node.children.isEmpty { node.text = "" }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }
}
