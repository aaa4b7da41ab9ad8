import FuzzSupport
import ShablonXML

// The XML layer on arbitrary bytes: `XMLParser.parse` never crashes, and whatever it reads is written
// back (`serialized()`) as XML that reads again into the same tree.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let doc = try? XMLParser.parse(bytes) else { return 0 }
    let written = doc.serialized()
    let again: XMLDocument
    do { again = try XMLParser.parse(written) } catch {
        Fuzz.check(false, "written part does not read again: \(error)\n\(String(decoding: written, as: UTF8.self))")
        return 0
    }
    Fuzz.check(again.root == doc.root && again.prolog == doc.prolog && again.version == doc.version
               && again.standalone == doc.standalone,
               "the tree changed when written and read again:\n\(String(decoding: written, as: UTF8.self))")
    return 0
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(fuzz) } }
#endif
