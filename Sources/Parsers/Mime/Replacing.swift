/// Foundation's `replacingOccurrences(of:with:)` for the plain replacements the reader and the reply writer make on
/// every mail (no-break spaces, quotes, ligatures), without bridging the whole string to NSString.
extension String {
    /// Every `target` replaced by `replacement`, left to right, matching UTF-8 bytes exactly: no canonical
    /// equivalence (targets here have no other spelling), and unlike Foundation a target followed by a combining
    /// mark is replaced too. `self`, uncopied, when there is none.
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8)
        guard let first = t.first, utf8.count >= t.count else { return self }
        var out: [UInt8] = []
        var copied = utf8.startIndex
        var i = utf8.startIndex
        let end = utf8.endIndex
        while i != end {
            if utf8[i] == first, utf8[i...].starts(with: t) {
                if out.isEmpty { out.reserveCapacity(utf8.count + 16) }
                out.append(contentsOf: utf8[copied..<i])
                out.append(contentsOf: replacement.utf8)
                i = utf8.index(i, offsetBy: t.count)
                copied = i
            } else {
                i = utf8.index(after: i)
            }
        }
        if copied == utf8.startIndex { return self }
        out.append(contentsOf: utf8[copied..<end])
        return String(decoding: out, as: UTF8.self)
    }
}
