/// Turns the text a parent wrote into what the readers look at: the lines written now (no quoted history,
/// forwarded headers, closing formula or signature), then sentences. Defensive: the caller already removes quotes
/// and signatures, but a missed one must never lend a date or a name to a request.
enum MessageCleaner {
    /// Lines worth reading, original spelling kept, cut at the first sign of history or signature.
    static func contentLines(_ text: String, childNames: [String] = []) -> [String] {
        let childKeys = Set(childNames.map(TextFolding.nameKey))
        // "\r\n" is one Character in Swift: one split handles every line end without bridging to Foundation.
        let raw = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
        var kept: [String] = []
        var sawContent = false
        var index = 0
        // A postscript after the closing or the signature ("PS : elle n'ira pas au centre mercredi") is still the
        // parent's own words: read with the rest.
        func postscript(from i: Int) -> [String] {
            guard let ps = raw[min(i, raw.count)...].firstIndex(where: {
                let f = TextFolding.foldCollapsed($0)
                return ["ps ", "ps:", "ps.", "p.s", "p-s", "pps"].contains { f.hasPrefix($0) } && !f.hasPrefix(">")
            }) else { return [] }
            return raw[ps...].prefix { !TextFolding.foldCollapsed($0).hasPrefix(">") && !isHistoryMarker(TextFolding.foldCollapsed($0), next: "") }
                .filter { !TextFolding.foldCollapsed($0).isEmpty }
        }
        while index < raw.count {
            let line = raw[index]
            let folded = TextFolding.foldCollapsed(line)
            let next = index + 1 < raw.count ? TextFolding.foldCollapsed(raw[index + 1]) : ""
            index += 1
            if folded.hasPrefix(">") { continue }
            if line == "-- " || line == "--" || folded == "--" || folded == "__" { break }
            if isHistoryMarker(folded, next: next) { break }
            if sawContent && isClosing(folded) { kept += [""] + postscript(from: index); break }
            if isDeviceFooter(folded) { break }
            if sawContent, kept.last.map({ TextFolding.foldCollapsed($0).isEmpty }) ?? false, !next.isEmpty,
               isBareName(line), !childKeys.contains(TextFolding.nameKey(line)) {
                // "Aurélie Mercier" alone after a blank line, with more lines below: a signature without a closing
                // formula. What follows (a job, "En congé du 29/03 au 02/04") is not a request.
                kept += [""] + postscript(from: index)
                break
            }
            if !folded.isEmpty && !isGreeting(folded) { sawContent = true }
            kept.append(line)
        }
        return kept
    }

    private static let bareName = Pattern(
        #"^\s*[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][a-zàâäçéèêëîïôöùûüÿ]+(?:-[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][a-zàâäçéèêëîïôöùûüÿ]+)?(?:\s+[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][A-Za-zàâäçéèêëîïôöùûüÿ'’\-]+){0,2}\s*$"#,
        caseSensitive: true)

    /// One to three capitalised words and nothing else ("Aurélie", "Marion Chevalier", "Jean-Marc DA SILVA").
    static func isBareName(_ line: String) -> Bool {
        guard bareName.matches(line) else { return false }
        let words = TextFolding.foldCollapsed(line).split(separator: " ").map(String.init)
        let notName: Set<String> = ["merci", "bonjour", "cordialement", "objet", "absence", "reservation", "annulation",
                                    "oui", "non", "ok", "cantine", "garderie", "activation", "aide", "factures", "facture"]
        return !words.contains { notName.contains($0) || FrenchWords.weekdays[$0] != nil || FrenchWords.months[$0] != nil }
    }

    private static let writtenBy = Pattern(#"^(le|on)\b.{3,160}\b(a ecrit|wrote)\s*:?\s*$"#)
    private static let writtenByEnd = Pattern(#"\b(a ecrit|wrote)\s*:\s*$"#)
    private static let separator = Pattern(
        #"^[-_=*\s]*(message d'origine|original message|forwarded message|message transfere|message d'origine|debut du message (reexpedie|transfere)|begin forwarded message)\b"#)
    private static let headerFrom = Pattern(#"^\*?(de|from|exp(e|)diteur)\s*\*?\s*:\s*\S"#)
    private static let headerOther = Pattern(#"^\*?(envoye|date|sent|a|to|objet|subject|cc)\s*\*?\s*:"#)

    static func isHistoryMarker(_ folded: String, next: String) -> Bool {
        if writtenBy.matches(folded) || (folded.count > 12 && writtenByEnd.matches(folded)) { return true }
        if separator.matches(folded) { return true }
        if headerFrom.matches(folded) && (folded.contains("@") || headerOther.matches(next)) { return true }
        return false
    }

    private static let closing = Pattern(
        #"^(bien )?(cordialement|cdlt|bien a vous|bien a toi|salutations( distinguees)?|sinceres salutations|bonne (journee|soiree|fin de journee|semaine|continuation|week-end)|merci( beaucoup| bien| encore)?( d'avance| par avance| pour tout| de votre aide| pour votre aide)?|merci et bonne (journee|soiree)|a bientot|bisous|belle journee|(kind |best |warm )?regards|best wishes|many thanks|thanks( a lot| again| in advance| so much)?|thank you( very much| so much| in advance)?|cheers|best|yours (sincerely|faithfully)|sincerely)\s*[,.!]*\s*$"#)

    static func isClosing(_ folded: String) -> Bool { closing.matches(folded) }

    private static let device = Pattern(#"^(envoye (de|depuis) (mon|ma|l'application|un)|sent from my|telecharger outlook|get outlook)"#)
    static func isDeviceFooter(_ folded: String) -> Bool { device.matches(folded) }

    private static let greeting = Pattern(#"^(bonjour|bonsoir|madame|monsieur|hello|coucou|salut|hi|dear|good (morning|afternoon|evening))\b[^.!?]{0,40}[,!.]?\s*$"#)
    static func isGreeting(_ folded: String) -> Bool { greeting.matches(folded) }

    /// Joins wrapped lines (a line that does not end a sentence, followed by one starting in lower case) and cuts
    /// the result into sentences.
    static func sentences(_ lines: [String]) -> [String] {
        var logical: [String] = []
        var current = ""
        for line in lines {
            let trimmed = line.trimmedWhitespace
            if trimmed.isEmpty {
                if !current.isEmpty { logical.append(current); current = "" }
                continue
            }
            if current.isEmpty { current = trimmed; continue }
            let last = current.last!
            let first = trimmed.first!
            if !".!?:;,".contains(last) && (first.isLowercase || first.isNumber) {
                current += " " + trimmed
            } else if last == "," && first.isLowercase {
                current += " " + trimmed
            } else {
                logical.append(current); current = trimmed
            }
        }
        if !current.isEmpty { logical.append(current) }
        var result: [String] = []
        for line in logical {
            result.append(contentsOf: splitSentences(line))
        }
        return result.filter { !$0.trimmedWhitespace.isEmpty }
    }

    /// Cuts on . ! ? ; followed by a space (so "09.03.2027" and "M.Dupont" stay whole).
    static func splitSentences(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            current.append(c)
            if ".!?;".contains(c) {
                let nextIsSpace = i + 1 >= chars.count || chars[i + 1] == " " || chars[i + 1] == "\u{a0}"
                // Keep "M. Lefebvre" and "Mme. X" whole.
                let word = current.split(separator: " ").last.map(String.init) ?? ""
                let abbreviation = ["M.", "Mme.", "Mlle.", "Dr.", "cf.", "ex.", "St.", "Ste."].contains(word)
                if nextIsSpace && !abbreviation {
                    out.append(current.trimmedWhitespace); current = ""
                }
            }
            i += 1
        }
        let rest = current.trimmedWhitespace
        if !rest.isEmpty { out.append(rest) }
        return out
    }

    private static let phone = Pattern(#"(\+33\s?\(?0?\)?\s?|0033\s?|\b0)[1-9]([\s.\-]?\d{2}){4}\b"#)

    /// Phone numbers replaced by '#' so that "06 41 27 83 05" never reads as dates or numbers.
    static func maskPhones(_ folded: String) -> String {
        var s = folded
        while let r = phone.firstRange(s) {
            s.replaceSubrange(r, with: String(repeating: "#", count: s[r].count))
        }
        return s
    }

    /// Phone numbers as written, in order.
    static func phones(in text: String) -> [String] {
        phone.allMatches(text).compactMap { $0[0] }
    }
}
