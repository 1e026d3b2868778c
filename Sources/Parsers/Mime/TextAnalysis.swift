/// Splits a text body into what the sender wrote now, quoted history, signature and forwarded
/// block. Works line by line on the (small) chosen text body; the full text stays in `textBody`.
enum TextAnalysis {
    struct Result { var newText: String; var forwarded: ForwardedOriginal? }

    /// Lower-cased, no-break spaces as spaces, trimmed: the form markers are matched against.
    static func norm(_ line: Substring) -> String {
        var s = String(line)
        if s.contains("\u{A0}") || s.contains("\u{202F}") {
            s = s.replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        }
        return s.trimmedSpaces.lowercased()
    }

    static func analyze(textBody: String, subject: String) -> Result {
        let lines = textBody.split(separator: "\n", omittingEmptySubsequences: false)
        let normalized = lines.map(norm)
        let isForwardSubject = Markers.isForwardSubject(subject)
        if let f = Markers.forwardStart(normalized, outlookBlocksAreForwards: isForwardSubject) {
            let own = newText(Array(lines[0..<f.index]), Array(normalized[0..<f.index]))
            let original = ForwardParser.parse(lines: lines, normalized: normalized, block: f)
            return Result(newText: own, forwarded: original)
        }
        return Result(newText: newText(lines, normalized), forwarded: nil)
    }

    /// Lines before the first quote marker, without signature, trimmed of blank lines.
    static func newText(_ lines: [Substring], _ normalized: [String]) -> String {
        var end = Markers.quoteStart(normalized) ?? lines.count
        if let sig = Signature.start(Array(normalized[0..<end]), Array(lines[0..<end])) { end = sig }
        var kept = Array(lines[0..<end])
        while let l = kept.last, String(l).trimmedSpaces.isEmpty { kept.removeLast() }
        while let l = kept.first, String(l).trimmedSpaces.isEmpty { kept.removeFirst() }
        return kept.map { line -> String in
            var s = String(line)
            while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
            return s
        }.joined(separator: "\n")
    }
}
