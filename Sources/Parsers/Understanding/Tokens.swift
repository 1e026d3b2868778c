/// A word, a number, a numeric date ("09/03/2027") or a punctuation mark of a folded sentence.
struct Token: Equatable {
    enum Kind: Equatable { case word, number, numericDate, punct }
    var kind: Kind
    var text: String
    /// For numbers: the value. For numeric dates: day, month, year (nil when absent).
    var value: Int = 0
    var month: Int = 0
    var year: Int?

    static func word(_ s: String) -> Token { Token(kind: .word, text: s) }

    var isWord: Bool { kind == .word }
    func `is`(_ words: String...) -> Bool { kind == .word && words.contains(text) }
}

enum Tokenizer {
    /// Tokens of a folded, phone-masked sentence. Apostrophes split ("d'inscrire" → "d", "inscrire"); hyphens inside
    /// a word keep it whole ("pierre-louis", "apres-midi").
    static func tokens(_ folded: String) -> [Token] {
        let chars = Array(folded)
        var out: [Token] = []
        var i = 0
        func isAlnum(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        while i < chars.count {
            let c = chars[i]
            if c.isNumber, c.isASCII {
                // Digit groups separated by one same separator: a numeric date or plain numbers.
                var groups: [String] = []
                var seps: [Character] = []
                var j = i
                while true {
                    var g = ""
                    while j < chars.count, chars[j].isNumber, chars[j].isASCII { g.append(chars[j]); j += 1 }
                    groups.append(g)
                    if j + 1 < chars.count, "/.-".contains(chars[j]), chars[j + 1].isNumber, chars[j + 1].isASCII,
                       groups.count < 3 {
                        seps.append(chars[j]); j += 1
                    } else { break }
                }
                // Letters glued to the digits ("1er", "16h30", "2e"): one word.
                if j < chars.count, chars[j].isLetter, groups.count == 1 {
                    var w = groups[0]
                    while j < chars.count, isAlnum(chars[j]) { w.append(chars[j]); j += 1 }
                    out.append(.word(w)); i = j; continue
                }
                if let date = numericDate(groups, seps) {
                    out.append(date)
                } else {
                    for (k, g) in groups.enumerated() {
                        out.append(Token(kind: .number, text: g, value: Int(g.prefix(9)) ?? 0))
                        if k < seps.count { out.append(Token(kind: .punct, text: String(seps[k]))) }
                    }
                }
                i = j
                continue
            }
            if c.isLetter {
                var w = ""
                var j = i
                while j < chars.count {
                    if isAlnum(chars[j]) { w.append(chars[j]); j += 1; continue }
                    if chars[j] == "-", j + 1 < chars.count, chars[j + 1].isLetter, !w.isEmpty {
                        w.append("-"); j += 1; continue
                    }
                    break
                }
                out.append(.word(w)); i = j; continue
            }
            if c == " " || c == "'" || c == "\n" || c == "#" { i += 1; continue }
            out.append(Token(kind: .punct, text: String(c)))
            i += 1
        }
        return out
    }

    private static func numericDate(_ groups: [String], _ seps: [Character]) -> Token? {
        guard groups.count >= 2, Set(seps).count == 1, let sep = seps.first else { return nil }
        let n = groups.map { Int($0) ?? -1 }
        if groups.count == 3, groups[0].count == 4, sep != "." {          // 2027-03-09
            return Token(kind: .numericDate, text: groups.joined(separator: String(sep)), value: n[2], month: n[1], year: n[0])
        }
        guard groups[0].count <= 2, groups[1].count <= 2 else { return nil }
        if groups.count == 3 {
            guard groups[2].count == 2 || groups[2].count == 4 else { return nil }
            let y = groups[2].count == 2 ? 2000 + n[2] : n[2]
            return Token(kind: .numericDate, text: groups.joined(separator: String(sep)), value: n[0], month: n[1], year: y)
        }
        // Two groups: "09/03" is a date; "12.50" (a price) or "12-13" (a list of days) is not.
        guard sep == "/" || (sep == "." && n[1] >= 1 && n[1] <= 12 && groups[1].count == 2) else { return nil }
        return Token(kind: .numericDate, text: groups.joined(separator: String(sep)), value: n[0], month: n[1], year: nil)
    }
}
