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
            let op = Program.BlockOp(b)
            var target: [Program.Op] = []
            var inOtherwise = false
            for c in e.children {
                if case .tag(let t) = c, t === b.otherwise {
                    flush(into: &target)
                    op.body = target
                    target = []
                    inOtherwise = true
                    continue
                }
                child(c, into: &target, guarded: guarded)
            }
            flush(into: &target)
            if inOtherwise { op.otherwise = target } else { op.body = target }
            ops.append(.block(op))
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
            writer.text(t)
        case .markup(let m):
            writer.raw(m)
        case .tag(let t):
            if case .value(let expr) = t.kind {
                flush(into: &ops)
                ops.append(.value(t, expr, t.markup(dialect.textStyle)))
            }
        }
    }
}
