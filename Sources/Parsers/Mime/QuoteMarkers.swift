/// Recognizes the lines where quoted history or a forwarded message begins, in the forms French
/// and English clients write them (Outlook, Gmail, Apple Mail, Thunderbird, Orange/Zimbra webmail).
enum Markers {
    struct ForwardBlock {
        /// First line of the forward (separator line or first header line).
        var index: Int
        /// First header line of the forwarded header block.
        var headerStart: Int
    }

    static let forwardPrefixes = ["tr", "fwd", "fw", "wg", "rv", "i", "enc", "doorst"]

    static func isForwardSubject(_ subject: String) -> Bool {
        var s = Substring(subject.lowercased().trimmedSpaces)
        for _ in 0..<4 {
            guard let colon = s.firstIndex(of: ":") else { return false }
            let prefix = s[..<colon].trimming(" \t")
            if forwardPrefixes.contains(prefix) { return true }
            if ["re", "ré", "aw", "sv", "réf"].contains(prefix) { s = s[s.index(after: colon)...]; continue }
            return false
        }
        return false
    }

    /// Separator lines that announce a forward.
    static func isForwardSeparator(_ l: String) -> Bool {
        guard let f = l.utf8.first, let z = l.utf8.last, l.utf8.count < 120,
              f == 45 || f == 95 || f == 61 || f == 42 || f == 62 || z == 58 else { return false }
        let core = l.trimming("-_=* :>")
        return core == "forwarded message" || core == "message transféré" || core == "message transfere"
            || core == "forwarded message" || core == "début du message réexpédié" || core == "debut du message reexpedie"
            || core == "begin forwarded message" || core == "message réexpédié" || core == "mail transféré"
            || core == "e-mail transféré" || core == "courriel transféré" || core == "original message follows"
    }

    /// "-----Message d'origine-----", "-----Original Message-----", "----- Mail original -----".
    static func isOriginalSeparator(_ l: String) -> Bool {
        guard l.hasPrefix("---") || l.hasPrefix("___") else { return false }
        let core = l.trimming("-_ ")
        return core == "message d'origine" || core == "message d’origine" || core == "original message"
            || core == "mail original" || core == "message original" || core == "original"
    }

    static func isRule(_ l: String) -> Bool { l.count >= 20 && l.allSatisfy { $0 == "_" } }

    static let headerKeys: [String: String] = [
        "de": "from", "from": "from", "expéditeur": "from", "envoyé": "date", "envoyé le": "date", "sent": "date",
        "date": "date", "objet": "subject", "subject": "subject", "sujet": "subject", "à": "to", "a": "to",
        "to": "to", "pour": "to", "destinataire": "to", "cc": "cc", "cci": "cc", "répondre à": "reply-to",
        "reply-to": "reply-to", "importance": "other",
    ]

    /// `(canonical key, value)` for a forwarded-header line such as "De : X" or "*From:* X".
    static func headerLine(_ l: String) -> (String, String)? {
        // Cheap reject first: a key is a short word followed by ':' near the start.
        guard l.utf8.prefix(24).contains(58) else { return nil }
        var s = Substring(l)
        while s.first == ">" || s.first == " " || s.first == "*" { s = s.dropFirst() }
        guard let colon = s.prefix(20).firstIndex(of: ":") else { return nil }
        let key = s[..<colon].trimming(" *\t")
        guard let canon = headerKeys[key] else { return nil }
        let value = s[s.index(after: colon)...].trimming(" *\t")
        return (canon, value)
    }

    /// An Outlook-style header block: a From line followed closely by date/to/subject lines. A parent's
    /// own form ("De : 9h", "Date : 12/03") must not pass, so it takes an address in From and one more
    /// key, or three more keys.
    static func isHeaderBlock(_ lines: [String], at i: Int) -> Bool {
        guard let (k, v) = headerLine(lines[i]), k == "from", !v.isEmpty else { return false }
        var keys = Set<String>()
        var j = i + 1
        while j < min(lines.count, i + 8) {
            // A second From line starts another block: this one is not a header block.
            guard let (k2, _) = headerLine(lines[j]) else { if lines[j].isEmpty { break }; j += 1; continue }
            if k2 == "from" { break }
            if k2 != "from" && k2 != "other" { keys.insert(k2) }
            j += 1
        }
        let hasAddress = v.utf8.contains(64)
        let core = keys.contains("subject") || keys.contains("date")
        return core && (hasAddress ? keys.count >= 1 : keys.count >= 3)
    }

    /// Attribution line(s): "Le lun. 8 mars 2027 à 10:12, X <x@y> a écrit :", "On ... wrote:" (maybe wrapped).
    static func isAttribution(_ lines: [String], at i: Int) -> Bool {
        let l = lines[i]
        guard l.hasPrefix("le ") || l.hasPrefix("on ") || l.hasPrefix("am ") || l.hasPrefix("el ") else {
            return false
        }
        for j in i..<min(lines.count, i + 3) {
            let m = lines[j]
            if m.hasSuffix("a écrit :") || m.hasSuffix("a écrit:") || m.hasSuffix("a ecrit :") || m.hasSuffix("a ecrit:")
                || m.hasSuffix("wrote:") || m.hasSuffix("wrote :") || m.hasSuffix("schrieb:") || m.hasSuffix("escribió:") {
                return true
            }
            if j > i && m.isEmpty { return false }
        }
        return false
    }

    static func forwardStart(_ lines: [String], outlookBlocksAreForwards: Bool) -> ForwardBlock? {
        for i in lines.indices {
            let l = lines[i]
            if l.isEmpty { continue }
            if isForwardSeparator(l) || (outlookBlocksAreForwards && isOriginalSeparator(l)) {
                var h = i + 1
                while h < lines.count, lines[h].isEmpty || lines[h] == ">" { h += 1 }
                return ForwardBlock(index: i, headerStart: h)
            }
            if isQuoteLine(l) || isAttribution(lines, at: i) { return nil }
            if isOriginalSeparator(l) && !outlookBlocksAreForwards { return nil }
            if outlookBlocksAreForwards, isRule(l) || isHeaderBlock(lines, at: i) {
                var h = i
                if isRule(l) { h += 1; while h < lines.count, lines[h].isEmpty { h += 1 } }
                if h < lines.count, isHeaderBlock(lines, at: h) { return ForwardBlock(index: i, headerStart: h) }
            }
        }
        return nil
    }

    static func isQuoteLine(_ l: String) -> Bool { l.hasPrefix(">") }

    static func quoteStart(_ lines: [String]) -> Int? {
        for i in lines.indices {
            let l = lines[i]
            if l.isEmpty { continue }
            if isQuoteLine(l) || isAttribution(lines, at: i) || isOriginalSeparator(l) || isForwardSeparator(l)
                || isHeaderBlock(lines, at: i) {
                return i
            }
            if isRule(l), i + 1 < lines.count {
                var h = i + 1
                while h < lines.count, lines[h].isEmpty { h += 1 }
                if h < lines.count, isHeaderBlock(lines, at: h) { return i }
            }
        }
        return nil
    }
}
