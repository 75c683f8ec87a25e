// XMLReader, sgsh's own reader of AWS Query responses (in place of FoundationXML):
// what an XML parser must decode, and the documents it must refuse.

import Testing

@testable import SgshEC2

@Suite struct XMLReaderTests {
    private func parse(_ text: String) throws -> XMLNode { try XMLNode.parse(Array(text.utf8)) }

    @Test func decodesEntitiesCharacterReferencesAndCDATA() throws {
        let root = try parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment before the root -->
            <R xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><a>x &amp; y &lt;z&gt; &quot;q&quot; &apos;s&apos;</a>\
            <b>&#233;&#xE9;</b><c><![CDATA[<not a tag> & raw]]></c><d attr="1 > 0" other='/'>t</d><e/></R>
            """)
        #expect(root.name == "R")
        #expect(root.string("a") == "x & y <z> \"q\" 's'")
        #expect(root.string("b") == "éé")
        #expect(root.string("c") == "<not a tag> & raw")
        #expect(root.string("d") == "t")
        #expect(root.child("e")?.text == "")
    }

    @Test func dropsNamespacePrefixesAndWhitespaceBetweenChildren() throws {
        let root = try parse("<ec2:R>\n  <ec2:item>1</ec2:item>\n  <item>2</item>\n</ec2:R>")
        #expect(root.name == "R")
        #expect(root.text == "")
        #expect(root.children.map(\.text) == ["1", "2"])
    }

    @Test func readsRepeatedAndManyDistinctNames() throws {
        // Names are made once and found again (XMLReader keeps up to 64); past that they are
        // made each time. Either way each element keeps its own name and text.
        let distinct = (0..<100).map { "<n\($0)>\($0)</n\($0)>" }.joined()
        let root = try parse("<R>\(distinct)<item>a</item> <item>b</item>\n<n5>again</n5></R>")
        #expect(root.children.count == 103)
        #expect(root.children.prefix(100).map(\.name) == (0..<100).map { "n\($0)" })
        #expect(root.children.prefix(100).map(\.text) == (0..<100).map { "\($0)" })
        #expect(root.items("nothing").isEmpty)
        #expect(root.children.suffix(3).map(\.name) == ["item", "item", "n5"])
        #expect(root.children.suffix(3).map(\.text) == ["a", "b", "again"])
        #expect(root.text == "")
    }

    @Test func keepsTextBeforeAndAroundChildrenOnlyInLeaves() throws {
        // Whitespace (and text) in an element with children is not content, wherever it stands.
        let root = try parse("<R> <a>  x  </a> y <b>\r\n</b>\t</R>")
        #expect(root.text == "")
        #expect(root.string("a") == "  x  ")
        #expect(root.string("b") == "\n")
    }

    @Test func joinsTextThatComesInPiecesWhateverElseStandsBetween() throws {
        // A text read where it stands, then a piece that has to be rewritten (and the other way
        // round), around comments and CDATA, beside elements whose own texts are rewritten too.
        let root = try parse(
            "<R>&amp;<a>one<![CDATA[ two ]]>three&amp;<!-- c -->four</a><b>x&lt;y</b>&amp;"
                + "<c>p<![CDATA[]]><![CDATA[q]]></c><d><![CDATA[<]]>r\r\ns</d><e>&#233;t<?pi?>é</e></R>")
        #expect(root.text == "")
        #expect(root.children.map(\.text) == ["one two three&four", "x<y", "pq", "<r\ns", "été"])
    }

    @Test func readsLineEndsAsXMLDoes() throws {
        #expect(try parse("<a>1\r\n2\r3&#13;</a>").text == "1\n2\n3\r")
    }

    @Test(arguments: [
        "", "   ", "text only", "<a>", "<a></b>", "<a><b></a></b>", "<a/><b/>", "<a>&unknown;</a>", "<a>&amp</a>",
        "<a>&#0;</a>", "<a><![CDATA[open</a>", "<a><!-- open</a>", "<!DOCTYPE a><a/>", "<a/>trailing", "<>x</>",
        "<a b=\"unclosed>x</a>", "<a><", "<a></", "<a><!x/></a>", "<?unclosed <a/>", "<ab></ba>", "<ab></abc>",
        "<a><b></b></b></a>", "<x:a></x:b>",
    ])
    func refusesWhatIsNotWellFormed(_ text: String) {
        #expect(throws: XMLParseError.self) { try parse(text) }
    }

    @Test func refusesBytesThatAreNotUTF8() {
        #expect(throws: XMLParseError.self) { try XMLNode.parse(Array("<a>".utf8) + [0xFF] + Array("</a>".utf8)) }
    }
}
