/// RFC 5322 header block reader: finds the end of the header block (CRLF or LF-only) and where each field's
/// name and value lie; `MessageHeaders` unfolds and decodes a field when it is read. Bounded by `ParseLimits.maxHeaderBytes`; scanning stays linear.
enum HeaderParser {
    struct Block {
        var headers: MessageHeaders
        /// Offset of the first body byte.
        var bodyStart: Int
        var defects: [Defect]
    }

    static let addressFields: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "sender", "resent-from", "resent-to", "resent-cc", "resent-sender",
        "return-receipt-to", "disposition-notification-to", "mail-followup-to", "mail-reply-to",
    ]

    /// Messages up to this size are kept whole by their headers instead of copying each header block.
    static let sharedMessageBytes = 64 << 10

    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool { b > 32 && b < 127 && b != 58 }

    /// Length of a header name at `i` if the line looks like `Name:` (spaces allowed before the colon).
    static func nameEnd(_ s: [UInt8], _ i: Int, _ end: Int) -> Int? {
        var j = i
        while j < end, isNameByte(s[j]) { j += 1 }
        guard j > i else { return nil }
        var k = j
        while k < end, Bytes.isSpace(s[k]) { k += 1 }
        return (k < end && s[k] == 58) ? j : nil
    }

    static func parse(_ s: [UInt8], from: Int, to: Int, limits: ParseLimits) -> Block {
        var spans: [MessageHeaders.Span] = []
        var blockEnd = from
        var defects: [Defect] = []
        var i = from
        var current: (name: Int, nameEnd: Int, valueStart: Int, end: Int)? = nil
        var overLimit = false
        var junk = 0

        // Fields are only located here; MessageHeaders unfolds and decodes one when it is read. It keeps the bytes
        // it reads them from: a small message's own array (shared, no copy), or a copy of a big one's header block
        // (so that a parsed big message does not keep its raw bytes alive).
        let shared = s.count <= sharedMessageBytes
        let base = shared ? 0 : from
        func flush(_ c: (name: Int, nameEnd: Int, valueStart: Int, end: Int)) {
            if spans.isEmpty { spans.reserveCapacity(24) }
            spans.append(.init(nameStart: c.name - base, nameEnd: c.nameEnd - base,
                               valueStart: min(c.valueStart, c.end) - base, valueEnd: c.end - base))
            blockEnd = max(blockEnd, c.end)
        }

        func finish() -> Block {
            if junk > 0 { defects.append(Defect("header-junk", "\(junk) malformed header lines skipped")) }
            let headers = spans.isEmpty ? MessageHeaders(bytes: [], spans: [])
                                        : MessageHeaders(bytes: shared ? s : Array(s[from..<blockEnd]), spans: spans)
            return Block(headers: headers, bodyStart: i, defects: defects)
        }

        // A part that starts with a non-header line has no headers at all (broken multipart bodies).
        if i < to, s[i] != 10, s[i] != 13, nameEnd(s, i, to) == nil, !(i + 5 <= to && s[i..<i + 5].elementsEqual("From ".utf8)) {
            return Block(headers: MessageHeaders(bytes: [], spans: []), bodyStart: from, defects: [Defect("missing-headers")])
        }
        while i < to {
            let nl = Bytes.find(byte: 10, in: s, from: i, to: to) ?? to
            var lineEnd = nl
            if lineEnd > i, s[lineEnd - 1] == 13 { lineEnd -= 1 }
            let next = min(nl + 1, to)
            if lineEnd == i {
                // Blank line: end of headers.
                if let c = current, !overLimit { flush(c) }
                current = nil
                i = next
                return finish()
            }
            if i - from > limits.maxHeaderBytes, !overLimit {
                overLimit = true
                defects.append(Defect("limit-header", "header block longer than \(limits.maxHeaderBytes) bytes"))
                if var c = current {
                    c.end = min(c.end, from + limits.maxHeaderBytes); flush(c); current = nil
                }
            }
            if Bytes.isSpace(s[i]) {
                // Continuation line.
                if current != nil { current!.end = lineEnd } else { junk += 1 }
            } else if let ne = nameEnd(s, i, lineEnd) {
                if let c = current, !overLimit { flush(c) }
                var v = ne
                while v < lineEnd, s[v] != 58 { v += 1 }
                current = overLimit ? nil : (i, ne, v + 1, lineEnd)
            } else if spans.isEmpty, current == nil, lineEnd - i >= 5, s[i..<i + 5].elementsEqual("From ".utf8) {
                // mbox "From " separator line.
            } else {
                junk += 1
                if let c = current, !overLimit { flush(c) }
                current = nil
            }
            if let c = current, c.end - c.name > limits.maxHeaderBytes {
                // One field longer than the whole budget: keep its head only.
                current!.end = c.name + limits.maxHeaderBytes
            }
            i = next
        }
        if let c = current, !overLimit { flush(c) }
        if i >= to, to > from { defects.append(Defect("missing-body-separator")) }
        return finish()

    }
}
