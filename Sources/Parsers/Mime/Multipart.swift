/// Splits a multipart body into its parts by boundary. A delimiter counts only at the start of a
/// line and when followed by `--`, whitespace or the end of the line, so that a boundary that is a
/// prefix of a nested one does not split it. Missing final boundaries end the last part at the end of
/// the enclosing range; scanning is one forward pass (memchr driven).
enum Multipart {
    struct Split {
        var parts: [Range<Int>] = []
        var preamble: Range<Int>
        var epilogue: Range<Int>?
        var closed = false
        var found = false
    }

    static func split(_ s: [UInt8], from: Int, to: Int, boundary: String, maxParts: Int) -> Split {
        var delim = [UInt8]()
        delim.reserveCapacity(boundary.utf8.count + 2)
        delim.append(45); delim.append(45); delim.append(contentsOf: boundary.utf8)
        var result = Split(preamble: from..<from)
        var cursor = from
        var partStart: Int? = nil
        while let at = Bytes.find(delim, in: s, from: cursor, to: to) {
            cursor = at + 1
            guard at == from || s[at - 1] == 10 else { continue }
            var k = at + delim.count
            var closing = false
            if k + 1 < to, s[k] == 45, s[k + 1] == 45 { closing = true; k += 2 }
            // Only whitespace may follow on the delimiter line.
            var e = k
            while e < to, Bytes.isSpace(s[e]) { e += 1 }
            guard e >= to || s[e] == 10 || s[e] == 13 else { continue }
            if e < to, s[e] == 13 { e += 1 }
            if e < to, s[e] == 10 { e += 1 }
            // The line break before the delimiter belongs to it.
            var contentEnd = at
            if contentEnd > from, s[contentEnd - 1] == 10 { contentEnd -= 1 }
            if contentEnd > from, s[contentEnd - 1] == 13 { contentEnd -= 1 }
            if let ps = partStart {
                result.parts.append(ps..<max(ps, contentEnd))
            } else {
                result.preamble = from..<max(from, contentEnd)
            }
            result.found = true
            if closing {
                result.closed = true
                result.epilogue = e..<to
                return result
            }
            if result.parts.count >= maxParts { return result }
            partStart = e
            cursor = e
        }
        if let ps = partStart { result.parts.append(ps..<to) }
        else { result.preamble = from..<to }
        return result
    }
}
