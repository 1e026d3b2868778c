import Foundation

/// RFC 5322 address lists, leniently: quoted and encoded display names (already decoded by the header
/// reader, which quotes decoded names containing specials), groups (`team: a@x, b@y;`), comments as a
/// fallback name (`a@x (Jean)`), obsolete routes (`<@relay:a@x>`), and bare addresses. One linear pass.
public enum AddressParser {
    struct Item {
        var phrase: [String] = []
        var angle: String? = nil
        var comment: String? = nil
        var sawQuoted = false
    }

    /// One pass over the UTF-8 bytes: every delimiter is ASCII and never part of a multibyte sequence, so
    /// words cut at delimiters are whole characters (scalar by scalar appends cost several times more).
    public static func parseList(_ value: String) -> [EmailAddress] {
        var value = value
        return value.withUTF8(parseList)
    }

    static func parseList(_ s: UnsafeBufferPointer<UInt8>) -> [EmailAddress] {
        var out: [EmailAddress] = []
        var item = Item()
        // The current word is always the run s[wordStart..<i]: every byte that is not part of it ends it.
        var wordStart = -1
        var i = 0
        let n = s.count
        func string(_ a: Int, _ b: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: s[a..<b]), as: UTF8.self) }
        func string(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

        func endWord() { if wordStart >= 0 { item.phrase.append(string(wordStart, i)); wordStart = -1 } }
        func endItem() {
            endWord()
            if let a = make(item) { out.append(a) }
            item = Item()
        }

        while i < n {
            let c = s[i]
            switch c {
            case 34: // "
                endWord()
                i += 1
                let st = i
                var q: [UInt8]? = nil // made only when a backslash escapes something
                while i < n, s[i] != 34 {
                    if s[i] == 92, i + 1 < n {
                        if q == nil { q = Array(s[st..<i]) }
                        i += 1
                    }
                    q?.append(s[i]); i += 1
                }
                item.phrase.append(q.map(string) ?? string(st, i)); item.sawQuoted = true
            case 40: // (
                endWord()
                var depth = 1
                var cmt: [UInt8] = []
                i += 1
                while i < n {
                    let d = s[i]
                    if d == 92, i + 1 < n { i += 1; cmt.append(s[i]); i += 1; continue }
                    if d == 40 { depth += 1 } else if d == 41 { depth -= 1; if depth == 0 { break } }
                    cmt.append(d); i += 1
                }
                let t = string(cmt).trimmedSpaces
                if !t.isEmpty { item.comment = t }
            case 60: // <
                endWord()
                i += 1
                let st = i
                while i < n, s[i] != 62, s[i] != 32, s[i] != 9, s[i] != 34 { i += 1 }
                // Blanks and quotes inside are dropped: a copy only when there are some.
                var a: [UInt8]
                if i < n, s[i] != 62 {
                    a = Array(s[st..<i])
                    while i < n, s[i] != 62 {
                        let d = s[i]
                        if d != 32 && d != 9 && d != 34 { a.append(d) }
                        i += 1
                    }
                } else {
                    var from = st
                    // Obsolete source route: "@relay1,@relay2:user@host".
                    if from < i, s[from] == 64 {
                        var colon = from
                        while colon < i, s[colon] != 58 { colon += 1 }
                        if colon < i { from = colon + 1 }
                    }
                    if i - from >= 7, isMailto(s, from) { from += 7 }
                    item.angle = string(from, i)
                    break
                }
                if a.first == 64, let colon = a.firstIndex(of: 58) { a.removeSubrange(...colon) }
                if a.count >= 7, Bytes.equalsLower(a[..<7], "mailto:") { a.removeFirst(7) }
                item.angle = string(a)
            case 44, 59: // , ;
                endItem()
            case 58: // :
                // Group name: drop it, its members follow.
                if item.angle == nil, !(wordStart >= 0 && UnsafeBufferPointer(rebasing: s[wordStart..<i]).contains(64)) {
                    wordStart = -1; item = Item()
                } else if wordStart < 0 { wordStart = i }
            case 32, 9, 13, 10:
                endWord()
            default:
                if wordStart < 0 { wordStart = i }
            }
            i += 1
        }
        endItem()
        return out
    }

    /// « mailto: » in any case at `at`.
    static let mailto: [UInt8] = Array("mailto:".utf8)
    static func isMailto(_ s: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        for k in 0..<7 where Bytes.lower(s[at + k]) != mailto[k] { return false }
        return true
    }

    static func cleanName(_ parts: [String]) -> String? {
        // Joined by hand: `joined(separator:)` on [String] ran unspecialized, a tenth of reading a From field.
        var joined = parts.first ?? ""
        for p in parts.dropFirst() { joined += " "; joined += p }
        var name = joined.trimmedSpaces
        // Outlook's 'Jean Dupont' quoting.
        if name.utf8.count >= 2, name.utf8.first == 39, name.utf8.last == 39, name.count >= 2 {
            name = String(name.dropFirst().dropLast()).trimmedSpaces
        }
        return name.isEmpty ? nil : name
    }

    static func make(_ item: Item) -> EmailAddress? {
        if let a = item.angle {
            guard !a.isEmpty else { return nil }
            return EmailAddress(name: cleanName(item.phrase) ?? item.comment, address: a)
        }
        guard !item.phrase.isEmpty else { return nil }
        let full = item.phrase.indices.filter {
            let w = item.phrase[$0]
            return w.utf8.contains(64) && !w.hasPrefix("@") && !w.hasSuffix("@")
        }
        if full.count == 1 {
            // "jean@x.fr", or "Jean Dupont jean@x.fr" written without brackets.
            var rest = item.phrase
            let addr = rest.remove(at: full[0])
            return EmailAddress(name: cleanName(rest) ?? item.comment, address: addr)
        }
        let joined = item.phrase.joined()
        if full.isEmpty, joined.filter({ $0 == "@" }).count == 1, !joined.hasPrefix("@"), !joined.hasSuffix("@") {
            // "john @ example.com".
            return EmailAddress(name: item.comment, address: joined)
        }
        return nil
    }
}

/// Message identifiers from Message-ID / In-Reply-To / References; bare ids without angle brackets
/// are accepted when they contain "@".
public enum MessageIDParser {
    public static func parseList(_ value: String) -> [String] {
        var out: [String] = []
        var rest = Substring(value)
        while let lt = rest.firstIndex(of: "<") {
            guard let gt = rest[lt...].firstIndex(of: ">") else { break }
            let id = rest[rest.index(after: lt)..<gt].filter { !$0.isWhitespace }
            if !id.isEmpty { out.append(String(id)) }
            rest = rest[rest.index(after: gt)...]
        }
        if out.isEmpty {
            for tok in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) where tok.utf8.contains(64) {
                out.append(String(tok.trimming("<>\"'")))
            }
        }
        return out
    }
}
