import Testing
import ShablonXML

func parse(_ xml: String) throws(XMLParseError) -> XMLDocument { try XMLParser.parse(Array(xml.utf8)) }

/// A part read and written again, without the XML declaration (libxml2 reports version 1.0 for a part without one).
func written(_ xml: String) throws -> String {
    let s = String(decoding: try parse(xml).serialized(), as: UTF8.self)
    let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    return s.hasPrefix(declaration) ? String(s.dropFirst(declaration.count)) : s
}

func failure(_ xml: String) -> XMLParseError? {
    do { _ = try parse(xml) } catch { return error }
    return nil
}

@Suite struct Reading {
    @Test func treeWithPrefixesAndNamespaceDeclarations() throws {
        let doc = try parse("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- до корня --><w:document xmlns:w="urn:w"><w:p w:rsidR="00A1"><w:r><w:t xml:space="preserve"> Тема &amp; <![CDATA[<план>]]></w:t></w:r></w:p></w:document>
        """)
        #expect(doc.version == "1.0" && doc.standalone == true)
        #expect(doc.prolog == [.comment(" до корня ")])
        #expect(doc.root.name == "w:document")
        #expect(doc.root.attributes == [XMLAttribute("xmlns:w", "urn:w")])
        let t = try #require(doc.root.firstElement(named: "w:p")?.firstElement(named: "w:r")?.firstElement(named: "w:t"))
        #expect(t[attribute: "xml:space"] == "preserve")
        // CDATA and text arrive as one piece of text.
        #expect(t.children == [.text(" Тема & <план>")])
    }

    @Test func aDoctypeIsRefusedAndEntitiesAreNeverExpanded() {
        #expect(failure("<!DOCTYPE a [<!ENTITY x \"xxxxxxxx\">]><a>&x;</a>")?.kind == .doctype)
        #expect(failure("<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>")?.kind == .doctype)
        #expect(failure("<a>&x;</a>")?.kind == .malformed)
    }

    @Test func malformedPartsSayWhere() throws {
        let e = try #require(failure("<a>\n<b></a>"))
        #expect(e.kind == .malformed)
        #expect(e.line == 2)
        #expect(failure("")?.kind == .empty)
        #expect(failure("   ")?.kind == .malformed)
    }
}

@Suite struct Writing {
    @Test func textAndAttributesAreEscaped() throws {
        let xml = "<a b=\"&quot;&lt;&amp;&#10;&#9;\">&lt;x&gt; &amp; &#13;</a>"
        #expect(try written(xml) == "<a b=\"&quot;&lt;&amp;&#10;&#9;\">&lt;x&gt; &amp; &#13;</a>")
    }

    @Test func declarationCommentsAndInstructionsSurvive() throws {
        let xml = "<?xml version=\"1.0\" standalone=\"no\"?>\n<?mso-application progid=\"Word.Document\"?><a><!--c--><?pi data?><b/></a>"
        #expect(try written(xml) == "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<?mso-application progid=\"Word.Document\"?><a><!--c--><?pi data?><b/></a>")
    }

    /// Found by FuzzXML: libxml2 hands over an `&` in a namespace name as `&#38;`, which was written back
    /// as `&amp;#38;` — another namespace.
    @Test func anAmpersandInANamespaceName() throws {
        let doc = try parse("<a xmlns:x=\"urn:a&amp;b&#38;c\" xmlns=\"d&amp;amp;\" y=\"e&amp;f\"/>")
        #expect(doc.root.attributes == [XMLAttribute("xmlns:x", "urn:a&b&c"), XMLAttribute("xmlns", "d&amp;"), XMLAttribute("y", "e&f")])
        #expect(try written("<a xmlns:x=\"urn:a&amp;b\"/>") == "<a xmlns:x=\"urn:a&amp;b\"/>")
    }
}
