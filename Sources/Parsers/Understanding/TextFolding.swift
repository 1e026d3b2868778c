import Foundation

/// Folding used by every reader: lower case, no accents, plain apostrophes and spaces, so that "Élise", "ELISE" and
/// "elise" compare equal and "Clé\u{a0}:" reads like "cle :".
enum TextFolding {
    static func fold(_ s: String) -> String {
        var folded = foldedLatin(s) ?? foldedUnicode(s)
        // Foundation's search bridges the whole string: only when the word is there.
        if folded.utf8.count >= 11, containsAujourd(folded.utf8) {
            folded = folded.replacingOccurrences(of: "aujourd'hui", with: "aujourdhui")
            folded = folded.replacingOccurrences(of: "aujourd hui", with: "aujourdhui")
        }
        return folded
    }

    /// The folding of text made only of ASCII, Latin-1 letters and the punctuation French mailers write (curly
    /// quotes, dashes, no-break spaces, œ), byte by byte; nil for anything else, which takes `foldedUnicode`. Both
    /// give the same result on every such text (checked scalar by scalar in the tests).
    static func foldedLatin(_ s: String) -> String? {
        var failed = false
        let result = String(unsafeUninitializedCapacity: s.utf8.count + 1) { out in
            var w = 0
            func put(_ b: UInt8) { out[w] = b; w += 1 }
            var it = s.utf8.makeIterator()
            while let b = it.next() {
                if b < 0x80 {
                    switch b {
                    case 65...90: put(b | 0x20)
                    case 0x09: put(0x20)
                    case 0x60: put(0x27)
                    default: put(b)
                    }
                    continue
                }
                guard let b1 = it.next() else { failed = true; return 0 }
                switch (b, b1) {
                case (0xC3, _):
                    let c = b1 | 0x20    // upper and lower Latin-1 letters differ by 0x20 here
                    switch c {
                    case 0xA0...0xA5: put(0x61)                              // à á â ã ä å
                    case 0xA6: put(0x61); put(0x65)                          // æ
                    case 0xA7: put(0x63)                                     // ç
                    case 0xA8...0xAB: put(0x65)                              // è é ê ë
                    case 0xAC...0xAF: put(0x69)                              // ì í î ï
                    case 0xB1: put(0x6E)                                     // ñ
                    case 0xB2...0xB6: put(0x6F)                              // ò ó ô õ ö
                    case 0xB9...0xBC: put(0x75)                              // ù ú û ü
                    case 0xBD: put(0x79)                                     // ý
                    case 0xBF where b1 == 0xBF: put(0x79)                    // ÿ (Ÿ is U+0178)
                    default: failed = true; return 0
                    }
                case (0xC2, 0xA0): put(0x20)                                 // no-break space
                case (0xC2, 0xAB), (0xC2, 0xBB): put(0x22)                   // « »
                case (0xC2, 0xB4): put(0x27)                                 // ´
                case (0xC2, 0xAD): break                                     // soft hyphen
                case (0xC2, 0xA1...0xBF):
                    guard b1 != 0xB5 else { failed = true; return 0 }        // µ: left to Unicode
                    put(b); put(b1)
                case (0xC5, 0x92), (0xC5, 0x93): put(0x6F); put(0x65)        // Œ œ
                case (0xE2, 0x80):
                    guard let b2 = it.next() else { failed = true; return 0 }
                    switch b2 {
                    case 0x98, 0x99, 0xB2: put(0x27)                         // ‘ ’ ′
                    case 0x87, 0x89, 0x8A, 0xAF: put(0x20)                   // figure, thin, hair, narrow no-break spaces
                    case 0x8B, 0x8C, 0x8D: break                             // zero-width
                    case 0x90...0x94: put(0x2D)                              // hyphens and dashes
                    case 0x9C, 0x9D: put(0x22)                               // “ ”
                    default: failed = true; return 0
                    }
                default: failed = true; return 0
                }
            }
            return w
        }
        return failed ? nil : result
    }

    static func foldedUnicode(_ s: String) -> String {
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
        return String(out)
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
        fold(s).split(whereSeparator: { $0 == " " }).joined(separator: " ").trimmedWhitespace
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
               "prefilter \(p.allOf.map { $0.map { String(decoding: $0, as: UTF8.self) } }) refused a text /\(regex.pattern)/ matches: \(s)")
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
