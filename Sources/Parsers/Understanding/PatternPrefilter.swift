/// Words a regular expression cannot match without: when a text holds none of them, the expression is not run. Most
/// of the reader's expressions look for words a given sentence does not contain, and running ICU on it costs a
/// conversion of the whole sentence to UTF-16 each time; this check is one pass over its UTF-8 bytes.
///
/// Derived from the pattern itself, conservatively: only ASCII literals that every match must contain (outside
/// optional parts, lookarounds and classes); any construct it does not know gives no prefilter at all. Debug builds
/// check every answer against the expression (`Pattern`), so the whole test suite checks this file.
struct PatternPrefilter: Sendable {
    /// A match contains at least one word of each of these sets (lower-cased when the pattern ignores case): the
    /// mandatory parts of a pattern without top-level alternatives, or the one set its alternatives share.
    let allOf: [[[UInt8]]]
    /// The first set (the pattern's best single requirement when it has one).
    var anyOf: [[UInt8]] { allOf[0] }
    let caseSensitive: Bool

    /// One-byte words would filter nothing. Two-byte ones (« ne », « va », « si », « hi ») filter less than longer ones
    /// but still often: the pass costs a fraction of one ICU call (which converts the sentence to UTF-16 first), so
    /// even a weak filter pays (a quarter fewer ICU calls on the backlog's mails than with three bytes).
    static let minimumLength = 2

    /// For each byte, the words that start with it (indices in `words`): one pass over the text tries, at each
    /// position, only the words its byte can start (a pattern has up to dozens of alternatives, each was a pass).
    private let startingWith: [[Int]]
    private let words: [[UInt8]]
    /// The set of `allOf` each word belongs to.
    private let setOf: [Int]
    private let shortest: Int

    init?(_ pattern: String, caseSensitive: Bool) {
        var parser = Parser(bytes: Array(pattern.utf8), caseSensitive: caseSensitive)
        guard let best = parser.alternatives(), parser.position == parser.bytes.count else { return nil }
        let bestFilters = !best.isEmpty && best.allSatisfy { $0.count >= PatternPrefilter.minimumLength }
        var sets: [[[UInt8]]] = bestFilters ? [best] : []
        if parser.topAlternatives == 1 {
            // Every mandatory part of the one alternative is required.
            let parts = parser.topParts.filter { !$0.isEmpty && $0.allSatisfy { $0.count >= PatternPrefilter.minimumLength } }
            if bestFilters || parts.count >= 2 {
                for part in parts where !sets.contains(part) { sets.append(part) }
            }
        }
        guard !sets.isEmpty else { return nil }
        allOf = Array(sets.prefix(64)) // one bit each; leaving some out only filters less
        self.caseSensitive = caseSensitive
        var flat: [[UInt8]] = [], owner: [Int] = []
        for (k, set) in allOf.enumerated() { for w in set { flat.append(w); owner.append(k) } }
        var starts = [[Int]](repeating: [], count: 256)
        for (i, w) in flat.enumerated() { starts[Int(w[0])].append(i) }
        words = flat; setOf = owner
        startingWith = starts
        shortest = flat.map(\.count).min()!
    }

    /// False only when no match is possible.
    func mayMatch(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { text in
            if !caseSensitive && PatternPrefilter.hasFoldingToASCII(text) { return true }
            let n = text.count, fold = !caseSensitive
            guard n >= shortest else { return false }
            var missing: UInt64 = allOf.count == 64 ? ~0 : (1 << UInt64(allOf.count)) - 1
            for i in 0...(n - shortest) {
                var b = text[i]
                if fold && b >= 0x41 && b <= 0x5A { b |= 0x20 }
                for w in startingWith[Int(b)] where missing & (1 << UInt64(setOf[w])) != 0
                    && PatternPrefilter.matches(text, at: i, words[w], foldCase: fold) {
                    missing &= ~(1 << UInt64(setOf[w]))
                    if missing == 0 { return true }
                }
            }
            return false
        }
    }

    /// `word` at `i` in `text` (its first byte already compared).
    @inline(__always)
    static func matches(_ text: UnsafeBufferPointer<UInt8>, at i: Int, _ word: [UInt8], foldCase: Bool) -> Bool {
        let m = word.count
        guard i + m <= text.count else { return false }
        var j = 1
        while j < m {
            var c = text[i + j]
            if foldCase && c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if c != word[j] { return false }
            j += 1
        }
        return true
    }

    /// Characters whose case folding gives ASCII letters (ß → ss, ſ → s, K (Kelvin) → k, ligatures ﬁ → fi, İ, ŉ,
    /// ǰ, ẖ…ẞ): ICU's case-insensitive matching would find a word through them, so such a text is always matched.
    static func hasFoldingToASCII(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = t.count
        while i < n {
            let b = t[i]
            if b < 0xC3 { i += 1; continue }
            let b1: UInt8 = i + 1 < n ? t[i + 1] : 0
            let b2: UInt8 = i + 2 < n ? t[i + 2] : 0
            switch b {
            case 0xC3 where b1 == 0x9F: return true
            case 0xC4 where b1 == 0xB0: return true
            case 0xC5 where b1 == 0xBF || b1 == 0x89: return true
            case 0xC7 where b1 == 0xB0: return true
            case 0xE1 where b1 == 0xBA && (0x96...0x9E).contains(b2): return true
            case 0xE2 where b1 == 0x84 && b2 == 0xAA: return true
            case 0xEF where b1 == 0xAC && (0x80...0x86).contains(b2): return true
            default: break
            }
            i += 1
        }
        return false
    }

    /// A recursive reading of the pattern's structure. Each level answers the words one of which every match of it
    /// contains (`[]`: nothing known), or nil when the pattern uses something this reader does not model.
    private struct Parser {
        let bytes: [UInt8]
        let caseSensitive: Bool
        var position = 0
        /// Group nesting; 0 is the pattern itself.
        var depth = 0
        /// The pattern's own alternatives, and every mandatory part of the last one read.
        var topAlternatives = 0
        var topParts: [[[UInt8]]] = []

        init(bytes: [UInt8], caseSensitive: Bool) { self.bytes = bytes; self.caseSensitive = caseSensitive }

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        /// `a|b|c` up to `)` or the end: every alternative must require something, else nothing is required.
        mutating func alternatives() -> [[UInt8]]? {
            var union: [[UInt8]] = []
            var allRequire = true
            while true {
                if depth == 0 { topAlternatives += 1 }
                guard let need = sequence() else { return nil }
                if need.isEmpty { allRequire = false } else { union += need }
                if current == UInt8(ascii: "|") { position += 1; continue }
                break
            }
            return allRequire ? union : []
        }

        /// One alternative: the best requirement among its mandatory parts (the one whose shortest word is longest).
        mutating func sequence() -> [[UInt8]]? {
            var best: [[UInt8]] = []
            var parts: [[[UInt8]]] = []
            var run: [UInt8] = []
            func score(_ words: [[UInt8]]) -> Int { words.map(\.count).min() ?? 0 }
            func offer(_ words: [[UInt8]]) {
                if !words.isEmpty { parts.append(words) }
                if !words.isEmpty, score(words) > score(best) || (score(words) == score(best) && words.count < best.count) {
                    best = words
                }
            }
            func endRun() { if !run.isEmpty { offer([run]); run = [] } }

            while let c = current, c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
                var literal: UInt8? = nil
                var group: [[UInt8]] = []
                switch c {
                case UInt8(ascii: "("):
                    position += 1
                    if current == UInt8(ascii: "?") {
                        let next = position + 1 < bytes.count ? bytes[position + 1] : 0
                        if next == UInt8(ascii: ":") { position += 2 }
                        else if next == UInt8(ascii: "=") || next == UInt8(ascii: "!") { position += 2; guard skipGroupBody() else { return nil }; endRun(); continue }
                        else if next == UInt8(ascii: "<") {
                            let third = position + 2 < bytes.count ? bytes[position + 2] : 0
                            guard third == UInt8(ascii: "=") || third == UInt8(ascii: "!") else { return nil } // named groups
                            position += 3
                            guard skipGroupBody() else { return nil }
                            endRun(); continue
                        } else { return nil } // inline flags and the rest
                    }
                    depth += 1
                    let read = alternatives()
                    depth -= 1
                    guard let inner = read, current == UInt8(ascii: ")") else { return nil }
                    position += 1
                    group = inner
                case UInt8(ascii: "["):
                    guard skipClass() else { return nil }
                case UInt8(ascii: "\\"):
                    guard position + 1 < bytes.count else { return nil }
                    let e = bytes[position + 1]
                    position += 2
                    switch e {
                    case UInt8(ascii: "b"), UInt8(ascii: "B"):
                        endRun(); continue // zero-width: no quantifier
                    case UInt8(ascii: "s"), UInt8(ascii: "S"), UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "w"),
                         UInt8(ascii: "W"), UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"):
                        break
                    case UInt8(ascii: "p"), UInt8(ascii: "P"):
                        guard current == UInt8(ascii: "{"), let close = bytes[position...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                        position = close + 1
                    default:
                        // Escaped punctuation is itself; letters and digits mean something else (back-references…).
                        guard e < 0x80, !isAlphanumeric(e) else { return nil }
                        literal = e
                    }
                case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                    position += 1
                case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                    return nil // a quantifier with nothing before it
                default:
                    position += 1
                    if c < 0x80 { literal = caseSensitive ? c : lower(c) }
                }
                guard let q = quantifier() else { return nil }
                if let l = literal {
                    switch q {
                    case .once: run.append(l)
                    case .atLeastOnce: run.append(l); endRun()
                    case .optional: endRun()
                    }
                } else {
                    endRun()
                    if q != .optional { offer(group) }
                }
            }
            endRun()
            if depth == 0 { topParts = parts }
            return best
        }

        enum Quantity { case once, atLeastOnce, optional }

        mutating func quantifier() -> Quantity? {
            guard let c = current else { return .once }
            var q = Quantity.once
            switch c {
            case UInt8(ascii: "?"), UInt8(ascii: "*"): position += 1; q = .optional
            case UInt8(ascii: "+"): position += 1; q = .atLeastOnce
            case UInt8(ascii: "{"):
                guard let close = bytes[position...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                let body = bytes[(position + 1)..<close]
                guard let first = body.first, isDigit(first), body.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ",") }) else { return nil }
                let minimum = body.prefix { isDigit($0) }
                q = minimum.allSatisfy { $0 == UInt8(ascii: "0") } ? .optional : .atLeastOnce
                position = close + 1
            default: return .once
            }
            if current == UInt8(ascii: "?") || current == UInt8(ascii: "+") { position += 1 } // lazy, possessive
            return q
        }

        /// After `(?=`, `(?!`, `(?<=`, `(?<!`: to the matching `)`.
        mutating func skipGroupBody() -> Bool {
            var depth = 1
            while let c = current {
                position += 1
                switch c {
                case UInt8(ascii: "\\"): position += 1
                case UInt8(ascii: "["): position -= 1; guard skipClass() else { return false }
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"): depth -= 1; if depth == 0 { return true }
                default: break
                }
            }
            return false
        }

        /// `[...]`, nested sets included.
        mutating func skipClass() -> Bool {
            var depth = 0
            while let c = current {
                position += 1
                switch c {
                case UInt8(ascii: "\\"): position += 1
                case UInt8(ascii: "["):
                    depth += 1
                    if current == UInt8(ascii: "^") { position += 1 }
                    if current == UInt8(ascii: "]") { position += 1 } // a leading ] is itself
                case UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return true }
                default: break
                }
            }
            return false
        }

        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
    }
}
