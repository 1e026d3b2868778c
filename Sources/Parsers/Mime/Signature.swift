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

    static func isTagline(_ l: String) -> Bool {
        l.count < 80 && taglines.contains { l.hasPrefix($0) }
    }

    /// A line that is mostly a phone number, e-mail, URL or postal address.
    static func isContactLine(_ l: String) -> Bool {
        if l.isEmpty { return false }
        var digits = 0, letters = 0
        for c in l.unicodeScalars {
            if c.properties.numericType != nil && c.isASCII { digits += 1 } else if c.properties.isAlphabetic { letters += 1 }
        }
        // Phone: 9+ digits with a short label at most ("Tél : 06 12 34 56 78", "+33 6 …").
        if digits >= 9 && letters <= 12 { return true }
        if !l.contains(" ") && (l.contains("@") || l.hasPrefix("http") || l.hasPrefix("www.")) { return true }
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

    static func start(_ normalized: [String], _ lines: [Substring]) -> Int? {
        for i in lines.indices where isDelimiter(lines[i]) || isTagline(normalized[i]) {
            if i == 0 || normalized[0..<i].allSatisfy(\.isEmpty) { continue }
            return i
        }
        // Trailing contact block (possibly with its name/title lines just above, inside the last paragraph).
        var end = normalized.count
        while end > 0, normalized[end - 1].isEmpty { end -= 1 }
        var k = end
        var contacts = 0
        while k > 0, !normalized[k - 1].isEmpty, isContactLine(normalized[k - 1]) { k -= 1; contacts += 1 }
        guard contacts > 0, k > 0 else { return nil }
        return k
    }
}
