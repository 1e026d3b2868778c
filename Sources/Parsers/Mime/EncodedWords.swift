/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values. Adjacent words are joined
/// (whitespace between them dropped, bytes of same-charset words concatenated before decoding so a
/// character split across words survives); malformed words stay as written.
enum EncodedWords {
    /// Longest encoded word we try to read; keeps scanning linear on hostile headers.
    static let maxWordBytes = 4096

    struct Word { var charset: String; var bytes: [UInt8]; var end: Int }

    /// Parses an encoded word starting at `i` (which points at "=?").
    /// `dead` remembers a span known to hold no "?=" before a blank, so a run of "=?=?=?…" costs
    /// linear time instead of one scan per "=?".
    static func word(_ s: [UInt8], _ i: Int, dead: inout Range<Int>) -> Word? {
        let n = s.count
        let limit = min(n, i + maxWordBytes)
        var j = i + 2
        let csStart = j
        while j < limit, j - csStart < 80, s[j] != 63, !Bytes.isWhite(s[j]) { j += 1 }
        guard j + 2 < limit, s[j] == 63, j > csStart else { return nil }
        let charset = String(decoding: s[csStart..<j], as: UTF8.self)
        let enc = Bytes.lower(s[j + 1])
        guard enc == 98 || enc == 113, s[j + 2] == 63 else { return nil }
        let textStart = j + 3
        if dead.contains(textStart) { return nil }
        var k = textStart
        while k + 1 < limit {
            if s[k] == 63 && s[k + 1] == 61 { break }
            if Bytes.isWhite(s[k]) { dead = textStart..<k; return nil }
            k += 1
        }
        guard k + 1 < limit, s[k] == 63, s[k + 1] == 61 else { dead = textStart..<max(textStart, k); return nil }
        let text = s[textStart..<k]
        let bytes = enc == 98 ? TransferEncoding.decodeBase64(text).bytes
                              : TransferEncoding.decodeQuotedPrintable(text, header: true).bytes
        return Word(charset: charset, bytes: bytes, end: k + 2)
    }

    static let addressSpecials: Set<Character> = [",", ";", "<", ">", "\"", "@", ":", "(", ")", "[", "]", "\\"]

    static func decode(_ raw: String, inAddressField: Bool = false) -> String {
        let s = Array(raw.utf8)
        guard s.count >= 8, Bytes.find([61, 63], in: s, from: 0, to: s.count) != nil else { return raw }
        return decode(bytes: s, inAddressField: inAddressField)
    }

    /// Works on the header's raw bytes so that 8-bit bytes inside an encoded word are read in the
    /// word's charset; literal text is UTF-8, or Windows-1252 when not valid UTF-8.
    static func decode(bytes s: [UInt8], inAddressField: Bool = false) -> String {
        func literal(_ r: ArraySlice<UInt8>) -> String { Charset.decode(r, charset: "us-ascii").text }
        var out = ""
        var i = 0, literalStart = 0
        var inQuotes = false
        var pending: (charset: String, bytes: [UInt8])? = nil
        var gapStart = -1
        var dead = 0..<0

        func flushPending() {
            guard let p = pending else { return }
            var text = Charset.decode(p.bytes[...], charset: p.charset).text
            if inAddressField, !inQuotes, text.contains(where: { addressSpecials.contains($0) }) {
                text = "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            out += text
            pending = nil
        }

        while i < s.count {
            let c = s[i]
            if c == 61, i + 1 < s.count, s[i + 1] == 63, let w = word(s, i, dead: &dead) {
                // Whitespace between two encoded words is dropped.
                let onlySpaceBetween = pending != nil && gapStart >= 0 && s[gapStart..<i].allSatisfy(Bytes.isWhite)
                if pending != nil && !onlySpaceBetween {
                    flushPending()
                    out += literal(s[literalStart..<i])
                } else if pending == nil {
                    out += literal(s[literalStart..<i])
                }
                if let p = pending, p.charset.asciiLowercased == w.charset.asciiLowercased {
                    pending!.bytes += w.bytes
                } else {
                    flushPending()
                    pending = (w.charset, w.bytes)
                }
                i = w.end; literalStart = i; gapStart = i
                continue
            }
            if pending != nil, !Bytes.isWhite(c) {
                flushPending()
                gapStart = -1
            }
            if c == 34 { inQuotes.toggle() }
            else if c == 92 { i += 1 }
            i += 1
        }
        if pending != nil {
            flushPending()
            // Trailing whitespace after the last word is kept as written.
        }
        if literalStart < s.count { out += literal(s[literalStart...]) }
        return out
    }
}
