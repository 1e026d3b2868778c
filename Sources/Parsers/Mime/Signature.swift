/// Finds where a signature starts: the "-- " delimiter, mobile taglines ("Envoyé de mon iPhone"), or a
/// trailing block of contact lines (phone numbers, postal addresses, e-mail, web addresses).
enum Signature {
    static let taglines = [
        "envoyé de mon ", "envoye de mon ", "envoyé depuis ", "envoye depuis ", "envoyé à partir de ",
        "sent from my ", "sent from ", "get outlook for ", "télécharger outlook pour ", "obtenir outlook pour ",
        "provenance : courrier pour windows", "envoyé avec ", "sent with ", "envoyé de ma tablette",
        "envoyé de mon smartphone", "sent via ", "envoyé via ",
    ]

    static func isDelimiter(_ raw: Substring) -> Bool {
        var s = raw
        while let l = s.last, l == "\r" { s.removeLast() }
        return s == "-- " || s == "--" || s == "—" || s == "-- \u{A0}" || s == "--\u{A0}"
    }

    /// "PS : …", "P.S. …", "P-S …": a postscript, the sender's own words even under the signature.
    static func isPostscript(_ l: String) -> Bool {
        let t = l.lowercased()
        return ["ps ", "ps:", "ps.", "p.s", "p-s", "pps"].contains { t.hasPrefix($0) } && t.count < 600
    }

    static func isTagline(_ l: String) -> Bool {
        l.count < 80 && taglines.contains { l.hasPrefix($0) }
    }

    /// A line that is mostly a phone number, e-mail, URL or postal address.
    static func isContactLine(_ l: String) -> Bool {
        if l.isEmpty { return false }
        var digits = 0, letters = 0
        for b in l.utf8 {
            if b >= 48 && b <= 57 { digits += 1 }
            else if (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b >= 0xC0 { letters += 1 }
        }
        if digits == 0 && !l.utf8.contains(64) && !l.hasPrefix("http") && !l.hasPrefix("www.") { return false }
        // A short line carrying a phone number, not a sentence ("Cabinet X - 05 56 47 12 30").
        if digits >= 9, hasPhone(l), l.split(separator: " ").count <= 10, !(l.hasSuffix(".") || l.hasSuffix("?") || l.hasSuffix("!")) {
            return true
        }
        // Phone: 9+ digits with a short label at most ("Tél : 06 12 34 56 78", "+33 6 …").
        if digits >= 9 && letters <= 12 { return true }
        if !l.utf8.contains(32) && (l.utf8.contains(64) || l.hasPrefix("http") || l.hasPrefix("www.")) { return true }
        // Postal address: a 5-digit code followed by a town, or a street line.
        let words = l.split(separator: " ")
        if words.contains(where: { $0.count == 5 && $0.allSatisfy(\.isNumber) }) && letters < 40 && digits <= 10 { return true }
        let streets = ["rue", "avenue", "av.", "allée", "allee", "chemin", "bd", "boulevard", "impasse", "place", "route",
                       "cours", "quai", "résidence", "lieu-dit", "bp"]
        if words.count >= 2, words.count <= 8, words.first.map({ $0.allSatisfy { $0.isNumber || $0 == "," } }) == true,
           streets.contains(String(words[1])) || (words.count > 2 && ["bis", "ter"].contains(String(words[1])) && streets.contains(String(words[2]))) {
            return true
        }
        return false
    }

    static let valedictions = ["cordialement", "bien cordialement", "bien à vous", "bien a vous", "merci", "merci d'avance",
                               "merci beaucoup", "bonne journée", "bonne soirée", "salutations", "sincères salutations",
                               "regards", "best regards", "kind regards", "best", "cdlt", "bàv", "amicalement", "bises"]

    static func isValediction(_ l: String) -> Bool {
        let core = l.trimming(" ,.!")
        return core.count <= 40 && (valedictions.contains(core) || valedictions.contains { core.hasPrefix($0 + " ") && core.count < 30 })
    }

    static func isNameLike(_ l: String) -> Bool {
        let words = l.split(separator: " ")
        return !words.isEmpty && words.count <= 5 && !l.contains(where: \.isNumber) && !l.hasSuffix(".") && !l.hasSuffix(",")
            && !l.utf8.contains(58)
    }

    /// Five pairs of digits (French numbers) or an international +NN form.
    static func hasPhone(_ l: String) -> Bool {
        var run = 0
        for c in l.utf8 {
            if c >= 48 && c <= 57 { run += 1 }
            else if c == 32 || c == 46 || c == 45 || c == 43 || c == 40 || c == 41 { continue }
            else { if run >= 9 { return true }; run = 0 }
        }
        return run >= 9
    }

    static func start(_ normalized: [String], _ lines: [Substring]) -> Int? {
        for i in lines.indices where isDelimiter(lines[i]) || isTagline(normalized[i]) {
            if i == 0 || normalized[0..<i].allSatisfy(\.isEmpty) { continue }
            return i
        }
        // Trailing paragraph that holds contact lines: keep the closing and the name, drop the rest.
        var end = normalized.count
        while end > 0, normalized[end - 1].isEmpty { end -= 1 }
        var p0 = end
        while p0 > 0, !normalized[p0 - 1].isEmpty { p0 -= 1 }
        guard p0 < end, p0 > 0 || end - p0 > 1,
              let firstContact = (p0..<end).first(where: { isContactLine(normalized[$0]) }) else { return nil }
        if let v = (p0..<firstContact).last(where: { isValediction(normalized[$0]) }) {
            return v + 2 <= firstContact ? (v + 2 < end ? v + 2 : nil) : firstContact
        }
        if firstContact > p0, isNameLike(normalized[p0]) { return p0 + 1 }
        if firstContact == p0, p0 > 0 { return p0 }
        return firstContact > p0 ? firstContact : nil
    }
}
