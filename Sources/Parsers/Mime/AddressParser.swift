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
        var word: [UInt8] = []
        var i = 0
        let n = s.count
        func string(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

        func endWord() { if !word.isEmpty { item.phrase.append(string(word)); word.removeAll(keepingCapacity: true) } }
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
                var q: [UInt8] = []
                i += 1
                while i < n, s[i] != 34 {
                    if s[i] == 92, i + 1 < n { i += 1 }
                    q.append(s[i]); i += 1
                }
                item.phrase.append(string(q)); item.sawQuoted = true
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
                var a: [UInt8] = []
                i += 1
                while i < n, s[i] != 62 {
                    let d = s[i]
                    if d != 32 && d != 9 && d != 34 { a.append(d) }
                    i += 1
                }
                // Obsolete source route: "@relay1,@relay2:user@host".
                if a.first == 64, let colon = a.firstIndex(of: 58) { a.removeSubrange(...colon) }
                if a.count >= 7, Bytes.equalsLower(a[..<7], "mailto:") { a.removeFirst(7) }
                item.angle = string(a)
            case 44, 59: // , ;
                endItem()
            case 58: // :
                // Group name: drop it, its members follow.
                if item.angle == nil, !word.contains(64) {
                    word.removeAll(keepingCapacity: true); item = Item()
                } else { word.append(c) }
            case 32, 9, 13, 10:
                endWord()
            default:
                word.append(c)
            }
            i += 1
        }
        endItem()
        return out
    }

    static func cleanName(_ parts: [String]) -> String? {
        var name = parts.joined(separator: " ").trimmedSpaces
        // Outlook's 'Jean Dupont' quoting.
        if name.count >= 2, name.hasPrefix("'"), name.hasSuffix("'") { name = String(name.dropFirst().dropLast()).trimmedSpaces }
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
