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

    public static func parseList(_ value: String) -> [EmailAddress] {
        var out: [EmailAddress] = []
        var item = Item()
        var word = ""
        let scalars = Array(value.unicodeScalars)
        var i = 0
        let n = scalars.count

        func endWord() { if !word.isEmpty { item.phrase.append(word); word = "" } }
        func endItem() {
            endWord()
            if let a = make(item) { out.append(a) }
            item = Item()
        }

        while i < n {
            let c = scalars[i]
            switch c {
            case "\"":
                endWord()
                var q = ""
                i += 1
                while i < n, scalars[i] != "\"" {
                    if scalars[i] == "\\", i + 1 < n { i += 1 }
                    q.unicodeScalars.append(scalars[i]); i += 1
                }
                item.phrase.append(q); item.sawQuoted = true
            case "(":
                endWord()
                var depth = 1, cmt = ""
                i += 1
                while i < n {
                    let d = scalars[i]
                    if d == "\\", i + 1 < n { i += 1; cmt.unicodeScalars.append(scalars[i]); i += 1; continue }
                    if d == "(" { depth += 1 } else if d == ")" { depth -= 1; if depth == 0 { break } }
                    cmt.unicodeScalars.append(d); i += 1
                }
                let t = cmt.trimmedSpaces
                if !t.isEmpty { item.comment = t }
            case "<":
                endWord()
                var a = ""
                i += 1
                while i < n, scalars[i] != ">" {
                    let d = scalars[i]
                    if d != " " && d != "\t" && d != "\"" { a.unicodeScalars.append(d) }
                    i += 1
                }
                // Obsolete source route: "@relay1,@relay2:user@host".
                if a.hasPrefix("@"), let colon = a.firstIndex(of: ":") { a = String(a[a.index(after: colon)...]) }
                if a.lowercased().hasPrefix("mailto:") { a = String(a.dropFirst(7)) }
                item.angle = a
            case ",", ";":
                endItem()
            case ":":
                // Group name: drop it, its members follow.
                if item.angle == nil, !word.utf8.contains(64) {
                    word = ""; item = Item()
                } else { word.unicodeScalars.append(c) }
            case " ", "\t", "\r", "\n":
                endWord()
            default:
                word.unicodeScalars.append(c)
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
