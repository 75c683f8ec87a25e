// A minimal XML element tree for EC2 responses.
//
// EC2 responses are small and regular (elements and text, no mixed content
// that matters), so the whole body is read by XMLReader (its own UTF-8 byte
// reader, not FoundationXML: that one links libxml2 and ICU, which every sgsh
// process then paid for at start-up) and the decoders walk it by element name.
// Namespaces are ignored: EC2 puts everything in one default namespace.
//
// The elements lie in one flat array, in document order, each pointing at its
// first child and next sibling, and each text is a range of the body's bytes,
// made into a String only when a decoder reads it. Why: as a tree of values,
// every element with children owned an array of them, allocated while reading
// and freed after, on the re-run's critical path: a 1,000-rule describe (86 KB,
// 3,445 elements) now takes 1,037 fewer allocations and the re-run 0.56 M fewer
// instructions (docs/BENCHMARKS.md, fourteenth pass).

/// One XML element of a parsed document: its name, child elements and text content.
struct XMLNode: Sendable {
    /// The document the element belongs to.
    let document: XMLDocument
    /// The element's place in `document.elements`.
    let index: Int

    /// The element's name, without a namespace prefix.
    var name: String { document.names[document.elements[index].name] }

    /// The element's text: empty when it has child elements (whitespace between them is not content).
    var text: String { document.text(of: document.elements[index]) }

    /// The child elements, in document order.
    var children: [XMLNode] {
        var children: [XMLNode] = []
        var child = document.elements[index].firstChild
        while child != XMLDocument.none {
            children.append(XMLNode(document: document, index: child))
            child = document.elements[child].nextSibling
        }
        return children
    }

    /// The first child element with this name.
    func child(_ name: String) -> XMLNode? {
        var child = document.elements[index].firstChild
        while child != XMLDocument.none {
            if document.names[document.elements[child].name] == name {
                return XMLNode(document: document, index: child)
            }
            child = document.elements[child].nextSibling
        }
        return nil
    }

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
        return XMLNode(document: try reader.document(), index: 0)
    }
}

/// A parsed document: its elements in document order, the root first.
final class XMLDocument: Sendable {
    /// One element: indexes into the document's arrays, and where its text lies.
    struct Element {
        /// Its name, in `names`.
        var name: Int
        /// Its first child and next sibling in `elements`, or `none`.
        var firstChild = XMLDocument.none
        var nextSibling = XMLDocument.none
        /// Its text: a range of `body`, or of `rewritten` when the text had to be changed
        /// (entities, line ends) or came in several pieces.
        var text: Range<Int> = 0..<0
        var textIsRewritten = false
    }

    /// No element.
    static let none = -1

    /// The document's bytes, which most texts are ranges of.
    let body: [UInt8]
    /// The texts that are not in `body` as they stand.
    let rewritten: [UInt8]
    let elements: [Element]
    let names: [String]

    init(body: [UInt8], rewritten: [UInt8], elements: [Element], names: [String]) {
        self.body = body
        self.rewritten = rewritten
        self.elements = elements
        self.names = names
    }

    /// The element's text (checked as UTF-8 when the document was read).
    func text(of element: Element) -> String {
        (element.textIsRewritten ? rewritten : body).withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[element.text]), as: UTF8.self)
        }
    }
}
