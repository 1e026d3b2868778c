import Foundation

/// Folding used by every reader: lower case, no accents, plain apostrophes and spaces, so that "Élise", "ELISE" and
/// "elise" compare equal and "Clé\u{a0}:" reads like "cle :".
enum TextFolding {
    static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue                                   // combining accents
            case 0x2018, 0x2019, 0x02BC, 0x0060, 0x00B4, 0x2032: out.append("'")
            case 0x00A0, 0x202F, 0x2007, 0x2009, 0x200A, 0x0009: out.append(" ")
            case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD: continue
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: out.append("-")
            case 0x00AB, 0x00BB, 0x201C, 0x201D: out.append("\"")
            case 0x0153: out.append("o"); out.append("e")                   // œ
            case 0x00E6: out.append("a"); out.append("e")                   // æ
            case 0xFF1A: out.append(":")
            default: out.append(scalar)
            }
        }
        var folded = String(out)
        // Foundation's search bridges the whole string: only when the word is there.
        if folded.utf8.count >= 11, containsAujourd(folded.utf8) {
            folded = folded.replacingOccurrences(of: "aujourd'hui", with: "aujourdhui")
            folded = folded.replacingOccurrences(of: "aujourd hui", with: "aujourdhui")
        }
        return folded
    }

    private static func containsAujourd(_ bytes: String.UTF8View) -> Bool {
        let needle = Array("aujourd".utf8)
        var matched = 0
        for b in bytes {
            matched = b == needle[matched] ? matched + 1 : (b == needle[0] ? 1 : 0)
            if matched == needle.count { return true }
        }
        return false
    }

    /// Folded, with runs of spaces collapsed and ends trimmed.
    static func foldCollapsed(_ s: String) -> String {
        fold(s).split(whereSeparator: { $0 == " " }).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    /// The words `folded` (read from `original` folded, tokens joined by spaces) as the parent wrote them, to quote them
    /// back: "fete" in "la fête du 30" is "fête". Matched letters and digits only, whole words, without case or accents;
    /// `folded` itself when not found.
    static func asWritten(_ folded: String, in original: String) -> String {
        let chars = Array(original)
        var letters: [Character] = [], origin: [Int] = []
        for (i, ch) in chars.enumerated() {
            for f in fold(String(ch)) where f.isLetter || f.isNumber { letters.append(f); origin.append(i) }
        }
        let needle = Array(fold(folded).filter { $0.isLetter || $0.isNumber })
        guard !needle.isEmpty, needle.count <= letters.count else { return folded }
        func isWordChar(_ i: Int) -> Bool { i >= 0 && i < chars.count && (chars[i].isLetter || chars[i].isNumber) }
        for start in 0...(letters.count - needle.count) where letters[start] == needle[0] {
            guard Array(letters[start..<(start + needle.count)]) == needle else { continue }
            let a = origin[start], b = origin[start + needle.count - 1]
            guard !isWordChar(a - 1), !isWordChar(b + 1) else { continue }
            return String(chars[a...b])
        }
        return folded
    }

    /// A name compared without case, accents, hyphens or spaces: "Marie-Lou" and "marie lou" give "marielou".
    static func nameKey(_ s: String) -> String {
        String(fold(s).filter { $0.isLetter || $0.isNumber })
    }
}

/// A compiled regular expression usable from any thread (NSRegularExpression is immutable once built), with the
/// words it cannot match without (`PatternPrefilter`), checked first.
struct Pattern: @unchecked Sendable {
    let regex: NSRegularExpression
    let prefilter: PatternPrefilter?

    init(_ pattern: String, caseSensitive: Bool = false) {
        (regex, prefilter) = Pattern.compiled(pattern, caseSensitive)
    }

    /// Patterns are literals of this module, some written inside functions: each is compiled once, then shared.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: (NSRegularExpression, PatternPrefilter?)] = [:]

    private static func compiled(_ pattern: String, _ caseSensitive: Bool) -> (NSRegularExpression, PatternPrefilter?) {
        let key = (caseSensitive ? "1" : "0") + pattern
        lock.lock(); defer { lock.unlock() }
        if let r = cache[key] { return r }
        // A bad literal is a programming error caught by the tests.
        let r = try! NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
        let entry = (r, PatternPrefilter(pattern, caseSensitive: caseSensitive))
        cache[key] = entry
        return entry
    }

    /// False when the prefilter proves there is no match (in debug builds, checked against the expression).
    private func mayMatch(_ s: String) -> Bool {
        guard let p = prefilter, !p.mayMatch(s) else { return true }
        assert(regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil,
               "prefilter \(p.anyOf.map { String(decoding: $0, as: UTF8.self) }) refused a text /\(regex.pattern)/ matches: \(s)")
        return false
    }

    func matches(_ s: String) -> Bool {
        mayMatch(s) && regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// Capture groups of the first match (index 0 = whole match); nil groups that did not take part.
    func firstMatch(_ s: String) -> [String?]? {
        guard mayMatch(s), let m = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { return nil }
        return Pattern.groups(m, in: s)
    }

    func allMatches(_ s: String) -> [[String?]] {
        guard mayMatch(s) else { return [] }
        return regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { Pattern.groups($0, in: s) }
    }

    /// Character offsets (in `s`) of the first match, or nil.
    func firstRange(_ s: String) -> Range<String.Index>? {
        guard mayMatch(s), let m = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { return nil }
        return Range(m.range, in: s)
    }

    func replacing(in s: String, with template: String) -> String {
        guard mayMatch(s) else { return s }
        return regex.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
    }

    private static func groups(_ m: NSTextCheckingResult, in s: String) -> [String?] {
        (0..<m.numberOfRanges).map { i in
            let r = m.range(at: i)
            guard r.location != NSNotFound, let range = Range(r, in: s) else { return nil }
            return String(s[range])
        }
    }
}
