/// Activation keys (`X7PA-4KRT-9MWC`) and confirmation tokens (`[Réf. EF-XXXXXXXX]`).
enum KeyReader {
    private static let spaced = Pattern(#"(?<![A-Za-z0-9])([A-Za-z0-9]{4})[ \-–.]([A-Za-z0-9]{4})[ \-–.]([A-Za-z0-9]{4})(?![A-Za-z0-9])"#)
    private static let glued = Pattern(#"(?<![A-Za-z0-9])([A-Za-z0-9]{12})(?![A-Za-z0-9])"#)

    /// A key written in free text: three groups of four, letters and digits mixed.
    static func find(in text: String) -> String? { all(in: text).first }

    /// Every distinct key written in free text, in order.
    static func all(in text: String) -> [String] {
        var out: [String] = []
        for m in spaced.allMatches(text) {
            let raw = (1...3).compactMap { m[$0] }.joined()
            if looksLikeKey(raw, strict: false), !out.contains(format(raw)) { out.append(format(raw)) }
        }
        for m in glued.allMatches(text) {
            if let raw = m[1], looksLikeKey(raw, strict: true), !out.contains(format(raw)) { out.append(format(raw)) }
        }
        return out
    }

    /// The value of a `Clé :` field: anything that reduces to twelve letters and digits.
    static func fromField(_ value: String) -> String? {
        let raw = String(value.filter { $0.isLetter || $0.isNumber }.filter(\.isASCII))
        guard raw.count == 12 else { return find(in: value) }
        return format(raw)
    }

    private static func looksLikeKey(_ raw: String, strict: Bool) -> Bool {
        let digits = raw.filter(\.isNumber).count
        let letters = raw.filter(\.isLetter).count
        guard raw.count == 12, digits + letters == 12 else { return false }
        return strict ? (digits >= 3 && letters >= 3) : (digits >= 1 && letters >= 1)
    }

    private static func format(_ raw: String) -> String {
        let u = Array(raw.uppercased())
        return String(u[0..<4]) + "-" + String(u[4..<8]) + "-" + String(u[8..<12])
    }
}

enum TokenReader {
    private static let token = Pattern(#"(?<![A-Za-z0-9])EF-([A-Za-z0-9]{8})(?![A-Za-z0-9])"#)

    /// `EF-XXXXXXXX`, upper case, from the first place it appears.
    static func find(in texts: [String]) -> String? {
        for text in texts {
            if let m = token.firstMatch(text), let code = m[1] { return "EF-" + code.uppercased() }
        }
        return nil
    }
}

/// "OUI" / "NON" answering one of our confirmation requests.
enum ConfirmationReader {
    struct Answer {
        var yes: Bool
        /// OUI / NON / je confirme: clear. "ok", "d'accord": probably yes, asked again.
        var clear: Bool
        /// What follows the answer on its line, to be read for further requests.
        var rest: String
    }

    private static let answer = Pattern(
        #"^\s*(oui|non|yes|no|ok|okay|d'accord|je confirme|je valide|confirme|confirmé|valide|c'est bon|c'est ok|tout a fait|exact|parfait|je ne confirme pas|annulez|n'enregistrez pas)\b[\s,.!;:-]*(.*)$"#)

    private static let agreementOnly = Pattern(
        #"^(?:[\s,.!;:\-]|\p{So}|\p{Sk}|\p{Cf}|pour moi|pour nous|merci|beaucoup|c'est bon|ca me va|ca nous va|parfait|tres bien|super|top|thanks|thank you)*$"#)

    static func read(firstLine: String) -> Answer? {
        let folded = TextFolding.foldCollapsed(firstLine)
        guard let m = answer.firstMatch(folded), let word = m[1] else { return nil }
        let rest = m[2] ?? ""
        // "Oui" must be the answer, not the start of a sentence about something else ("Non seulement...").
        if word == "non", rest.hasPrefix("seulement") { return nil }
        let yes = !["non", "no", "je ne confirme pas", "annulez", "n'enregistrez pas"].contains(word)
        // "ok", "d'accord", "parfait" alone, or followed only by agreement ("ok pour moi 👍", "d'accord, merci"), are a
        // plain yes; followed by anything else they are asked again.
        let clear = ["oui", "non", "yes", "no", "je confirme", "je valide", "confirme", "je ne confirme pas"].contains(word)
            || agreementOnly.matches(rest)
        // Keep the original spelling of the rest for the other readers.
        let original = firstLine.trimmedWhitespace
        let restOriginal = rest.isEmpty ? "" : String(original.suffix(rest.count))
        return Answer(yes: yes, clear: clear, rest: restOriginal)
    }
}
