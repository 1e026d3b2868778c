// libFuzzer entry point for the MIME parser. Built by scripts/fuzz-parser.sh together with the
// Sources/Parsers files (no SwiftPM): swiftc -sanitize=fuzzer,address -parse-as-library.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = ParseLimits()
    limits.maxParts = 200
    limits.maxDepth = 16
    let m = MessageParser.parse(bytes, limits: limits)
    // Touch what callers use.
    _ = m.from; _ = m.to; _ = m.date; _ = m.messageID; _ = m.references
    _ = m.newText.utf8.count; _ = m.forwarded?.text
    for a in m.attachments { _ = FileKind(sniffing: a.data) }
    _ = m.defects.count; _ = m.textBody.utf8.count
    for leaf in m.root.leaves { _ = leaf.body.count; _ = leaf.text?.utf8.count }
    return 0
}
