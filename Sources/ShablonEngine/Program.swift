import ShablonXML

/// A compiled part: static markup as one byte buffer, and the operations that fill it with data.
final class Program: @unchecked Sendable {
    enum Op {
        /// Static markup: a range of `bytes`.
        case markup(Int, Int)
        /// A value tag, with the markup its text uses for breaks and tabs.
        case value(Tag, Expression, Tag.Markup)
        /// A block.
        case block(BlockOp)
        /// A cell whose paragraphs all come from blocks begins: count the paragraphs written in it.
        case guardBegin
        /// A paragraph is written directly in the guarded cell.
        case guardMark
        /// The guarded cell ends: write this empty paragraph (a range of `bytes`) if none was written.
        case guardEnd(Int, Int)
        /// An attribute value the render computes (its name and quotes are static markup).
        case dynamic(DynamicValue)
        /// A table with column loops begins: column counts are tracked until its end.
        case tableBegin
        /// The table ends: values that waited for a column count are written.
        case tableEnd
        /// Grid markup written once per repeated column.
        case columnRepeat(ColumnRepeat, [Op])
        /// ODF: where the divided column styles go (the end of the automatic styles).
        case stylesSlot
        /// ODF: whether a plain space written now would show, as the template's text before this point
        /// leaves it (see `Flattener.spaceShows`).
        case textState(Bool)
        /// ODF: the leading spaces of template text that follows a value or a block: how many, and the
        /// prefix of the text namespace. The render writes them so that they show, whatever came before.
        case spaces(Int, String)
    }

    /// ODF: `count` spaces that all show. ODF drops a space at the start of a paragraph and one after
    /// another space, so only the first may be a plain space, and only when `afterText` (the character
    /// before is text); the others are `<text:s/>`.
    static func spaces(_ count: Int, afterText: Bool, prefix p: String) -> String {
        var k = count
        var s = ""
        if afterText && k > 0 {
            s = " "
            k -= 1
        }
        if k == 1 { s += "<\(p)s/>" } else if k > 1 { s += "<\(p)s \(p)c=\"\(k)\"/>" }
        return s
    }

    final class BlockOp {
        let block: Block
        var body: [Op] = []
        var otherwise: [Op] = []
        init(_ b: Block) { block = b }
    }

    var bytes: [UInt8] = []
    var ops: [Op] = []
}

/// Turns the working tree into a program, serialising everything static once.
struct Flattener {
    let dialect: Dialect
    let program = Program()
    private var pendingStart = 0

    init(dialect: Dialect) { self.dialect = dialect }

    private var writer = XMLWriter()

    // ODF spaces. A paragraph's text drops a plain space at its start and after another space. In the
    // template the text around a tag was written for the tag's characters; once the tag is cut out (or
    // its value is empty) a space after it may stand at the start or after a space, and vanish. The
    // flattener follows what it writes to know where that happens; where only the render can know
    // (after a value or a block) it leaves a `.spaces` op.

    /// Whether a plain space written now would show: the last character written in the paragraph is
    /// text, not a space, tab, break or the paragraph's start. nil when a value or block came last.
    private var spaceShows: Bool? = false
    /// True when a tag stands between the last text and here: the next text's leading spaces lost
    /// the characters they followed in the template.
    private var afterCut = false
    /// True when the render has been told `spaceShows` since it last changed.
    private var stateTold = false
    /// How many paragraphs are open, and the prefix (`text:`) of the innermost one.
    private var openParagraphs = 0
    private var textPrefix = ""

    private var tracksSpaces: Bool { dialect.spacesNeedElements && openParagraphs > 0 }

    private mutating func know(_ shows: Bool?) {
        if shows != spaceShows { stateTold = false }
        spaceShows = shows
    }

    /// Before an op whose effect on the text only the render knows: tell it what the template's text
    /// left so far, so that an empty value or block leaves the right state behind.
    private mutating func tellState(into ops: inout [Program.Op]) {
        guard tracksSpaces, let s = spaceShows, !stateTold else { return }
        flush(into: &ops)
        ops.append(.textState(s))
        stateTold = true
    }

    /// Template text inside an ODF paragraph: leading spaces right after a cut tag are written so that
    /// they show (as they did in the template); the rest is written as it is.
    private mutating func text(_ t: String, into ops: inout [Program.Op]) {
        guard let last = t.utf8.last else { return }
        var rest = Substring(t)
        if afterCut, t.utf8.first == 0x20 {
            let k = t.utf8.prefix { $0 == 0x20 }.count
            rest = t.dropFirst(k)
            if let shows = spaceShows {
                writer.raw(Program.spaces(k, afterText: shows, prefix: textPrefix))
            } else {
                flush(into: &ops)
                ops.append(.spaces(k, textPrefix))
            }
        }
        writer.text(String(rest))
        afterCut = false
        know(!(last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D))
    }

    mutating func run(_ root: TElement, declaration: String, prolog: [String]) -> Program {
        writer.raw(declaration)
        for p in prolog { writer.raw(p) }
        var ops: [Program.Op] = []
        element(root, into: &ops, guarded: false)
        flush(into: &ops)
        program.bytes = writer.bytes
        program.ops = ops
        return program
    }

    private mutating func flush(into ops: inout [Program.Op]) {
        if writer.bytes.count > pendingStart {
            ops.append(.markup(pendingStart, writer.bytes.count))
        }
        pendingStart = writer.bytes.count
    }

    private func hasStaticParagraph(_ e: TElement) -> Bool {
        e.children.contains { if case .element(let x) = $0 { return x.isParagraph }; return false }
    }

    private func hasBlock(_ e: TElement) -> Bool {
        e.children.contains { if case .element(let x) = $0 { return x.isBlock }; return false }
    }

    private mutating func element(_ e: TElement, into ops: inout [Program.Op], guarded: Bool) {
        guard dialect.spacesNeedElements, e.block == nil, e.columnRepeat == nil else {
            return elementBody(e, into: &ops, guarded: guarded)
        }
        if e.isParagraph {
            // A paragraph (perhaps inside another one's note or frame) has text of its own.
            let saved = (spaceShows, afterCut, textPrefix)
            openParagraphs += 1
            spaceShows = false
            afterCut = false
            stateTold = false
            textPrefix = e.prefix.isEmpty ? "" : e.prefix + ":"
            elementBody(e, into: &ops, guarded: guarded)
            openParagraphs -= 1
            (spaceShows, afterCut, textPrefix) = saved
            stateTold = false
        } else if tracksSpaces && !e.roles.isDisjoint(with: [.opaque, .property, .drawing]) {
            // Notes, annotations and frames are not the paragraph's running text.
            let saved = (spaceShows, afterCut)
            elementBody(e, into: &ops, guarded: guarded)
            (spaceShows, afterCut) = saved
            stateTold = false
        } else if tracksSpaces && e.roles.contains(.atom) {
            elementBody(e, into: &ops, guarded: guarded)
            know(false)
            afterCut = false
        } else {
            elementBody(e, into: &ops, guarded: guarded)
        }
    }

    private mutating func elementBody(_ e: TElement, into ops: inout [Program.Op], guarded: Bool) {
        if let r = e.columnRepeat {
            flush(into: &ops)
            var body: [Program.Op] = []
            for c in e.children { child(c, into: &body, guarded: false) }
            flush(into: &body)
            ops.append(.columnRepeat(r, body))
            return
        }
        if e.columnTable {
            flush(into: &ops)
            ops.append(.tableBegin)
        }
        defer {
            if e.columnTable {
                flush(into: &ops)
                ops.append(.tableEnd)
            }
        }
        if let b = e.block {
            flush(into: &ops)
            tellState(into: &ops)
            let op = Program.BlockOp(b)
            var target: [Program.Op] = []
            var inOtherwise = false
            // Each part of the block follows its opening tag, or the end of the last repetition.
            know(nil)
            afterCut = true
            for c in e.children {
                if case .tag(let t) = c, t === b.otherwise {
                    flush(into: &target)
                    op.body = target
                    target = []
                    inOtherwise = true
                    know(nil)
                    afterCut = true
                    continue
                }
                child(c, into: &target, guarded: guarded)
            }
            flush(into: &target)
            if inOtherwise { op.otherwise = target } else { op.body = target }
            ops.append(.block(op))
            know(nil)
            afterCut = true
            return
        }
        if guarded && e.isParagraph {
            flush(into: &ops)
            ops.append(.guardMark)
        }
        if e.dynamic.isEmpty {
            writer.openStart(name: e.name, attributes: e.attributes)
        } else {
            // Attributes keep their order; a computed value is an op between the quotes.
            writer.openStart(name: e.name, attributes: [])
            var written: Set<String> = []
            func dynamicAttribute(_ name: String, _ value: DynamicValue) {
                writer.raw(" \(name)=\"")
                flush(into: &ops)
                ops.append(.dynamic(value))
                writer.raw("\"")
                written.insert(name)
            }
            for a in e.attributes {
                if let d = e.dynamic.first(where: { $0.name == a.name }) {
                    dynamicAttribute(d.name, d.value)
                } else {
                    writer.raw(" \(a.name)=\"")
                    writer.attributeValue(a.value)
                    writer.raw("\"")
                }
            }
            for d in e.dynamic where !written.contains(d.name) { dynamicAttribute(d.name, d.value) }
        }
        if e.children.isEmpty && !e.stylesSlot {
            writer.raw("/>")
            return
        }
        writer.raw(">")
        let guardCell = dialect.cellNeedsParagraph && e.roles.contains(.cell) && hasBlock(e) && !hasStaticParagraph(e)
        if guardCell {
            flush(into: &ops)
            ops.append(.guardBegin)
        }
        for c in e.children { child(c, into: &ops, guarded: guardCell) }
        if guardCell {
            flush(into: &ops)
            let start = writer.bytes.count
            let p = e.prefix.isEmpty ? "p" : e.prefix + ":p"
            writer.raw("<\(p)/>")
            ops.append(.guardEnd(start, writer.bytes.count))
            pendingStart = writer.bytes.count
        }
        if e.stylesSlot {
            flush(into: &ops)
            ops.append(.stylesSlot)
        }
        writer.end(e.name)
    }

    private mutating func child(_ c: TNode, into ops: inout [Program.Op], guarded: Bool) {
        switch c {
        case .element(let x):
            element(x, into: &ops, guarded: x.isBlock ? guarded : (guarded && x.isParagraph))
        case .text(let t):
            if tracksSpaces { text(t, into: &ops) } else { writer.text(t) }
        case .markup(let m):
            writer.raw(m)
        case .tag(let t):
            if case .value(let expr) = t.kind {
                flush(into: &ops)
                tellState(into: &ops)
                ops.append(.value(t, expr, t.markup(dialect.textStyle)))
                know(nil)
            }
            afterCut = true
        }
    }
}
