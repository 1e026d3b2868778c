/// Splits a text body into what the sender wrote now, quoted history, signature and forwarded
/// block. Works line by line on the (small) chosen text body; the full text stays in `textBody`.
enum TextAnalysis {
    struct Result { var newText: String; var forwarded: ForwardedOriginal? }

    /// Lower-cased, no-break spaces as spaces, trimmed: the form markers are matched against.
    static func norm(_ line: Substring) -> String {
        // Byte loop: this runs on every line, Foundation's string functions are far too slow here.
        // Lower-cases ASCII and the Latin-1 capitals French uses (À..Þ, Œ); maps U+00A0 and U+202F to
        // a space.
        let u = Array(line.utf8)
        var out = [UInt8]()
        out.reserveCapacity(u.count)
        var i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            if b < 0x80 { out.append(b >= 65 && b <= 90 ? b | 0x20 : b); i += 1; continue }
            if b == 0xC2, i + 1 < n, u[i + 1] == 0xA0 { out.append(32); i += 2; continue }
            if b == 0xE2, i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0xAF { out.append(32); i += 3; continue }
            if b == 0xC3, i + 1 < n, u[i + 1] >= 0x80, u[i + 1] <= 0x9E, u[i + 1] != 0x97 {
                out.append(0xC3); out.append(u[i + 1] + 0x20); i += 2; continue
            }
            if b == 0xC5, i + 1 < n, u[i + 1] == 0x92 { out.append(0xC5); out.append(0x93); i += 2; continue }
            out.append(b); i += 1
        }
        var a = 0, e = out.count
        while a < e, out[a] == 32 || out[a] == 9 || out[a] == 13 { a += 1 }
        while e > a, out[e - 1] == 32 || out[e - 1] == 9 || out[e - 1] == 13 { e -= 1 }
        return String(decoding: out[a..<e], as: UTF8.self)
    }

    /// What a person writes now fits well within this; longer bodies (logs, pasted files) are analyzed
    /// on their first lines only, so time and memory stay bounded. `textBody` keeps everything.
    static let maxAnalyzedBytes = 512 << 10

    static func analyze(textBody: String, subject: String) -> Result {
        var text = Substring(textBody)
        if textBody.utf8.count > maxAnalyzedBytes {
            let cut = textBody.utf8.index(textBody.utf8.startIndex, offsetBy: maxAnalyzedBytes)
            text = textBody[..<(textBody.utf8[..<cut].lastIndex(of: 10) ?? textBody.startIndex)]
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
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
        let quoteStart = Markers.quoteStart(normalized) ?? lines.count
        var end = quoteStart
        var postscript: [Substring] = []
        if let sig = Signature.start(Array(normalized[0..<end]), Array(lines[0..<end])) {
            end = sig
            // "PS : elle n'ira pas au centre mercredi" under the signature is still the sender's own text.
            if let ps = (sig..<quoteStart).first(where: { Signature.isPostscript(normalized[$0]) }) {
                postscript = (ps..<quoteStart).filter { !Signature.isContactLine(normalized[$0]) }.map { lines[$0] }
            }
        }
        var kept = Array(lines[0..<end]) + (postscript.isEmpty ? [] : [""] + postscript)
        while let l = kept.last, String(l).trimmedSpaces.isEmpty { kept.removeLast() }
        while let l = kept.first, String(l).trimmedSpaces.isEmpty { kept.removeFirst() }
        return kept.map { line -> String in
            var s = String(line)
            while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
            return s
        }.joined(separator: "\n")
    }
}
