/// HTML to readable text in one pass over UTF-8 bytes, no DOM: block elements and `<br>` become line
/// breaks, list items get "- ", `<blockquote>` lines get "> " (so quote separation works on HTML-only
/// mail), entities are decoded, comments (Outlook conditional comments included), `<script>`, `<style>`,
/// `<head>` and `<title>` contents are dropped, Outlook's `<o:p>` is ignored.
enum HTMLText {
    static let blockTags: Set<String> = [
        "p", "div", "ul", "ol", "tr", "table", "tbody", "thead", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "dl", "dd", "dt", "section", "article", "header", "footer", "address", "center", "form", "pre", "body",
        "html", "nav", "aside", "main", "figure", "figcaption", "caption", "fieldset", "legend", "details", "summary",
    ]
    static let skipTags: Set<String> = ["script", "style", "head", "title", "template", "noscript", "xml", "svg"]

    static let entities: [String: UInt32] = [
        "nbsp": 0x20, "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "eacute": 0xE9,
        "egrave": 0xE8, "ecirc": 0xEA, "euml": 0xEB, "agrave": 0xE0, "acirc": 0xE2, "auml": 0xE4, "ccedil": 0xE7,
        "icirc": 0xEE, "iuml": 0xEF, "ocirc": 0xF4, "ouml": 0xF6, "ugrave": 0xF9, "ucirc": 0xFB, "uuml": 0xFC,
        "Eacute": 0xC9, "Egrave": 0xC8, "Ecirc": 0xCA, "Agrave": 0xC0, "Acirc": 0xC2, "Ccedil": 0xC7, "Ocirc": 0xD4,
        "Icirc": 0xCE, "Ucirc": 0xDB, "oelig": 0x153, "OElig": 0x152, "laquo": 0xAB, "raquo": 0xBB, "euro": 0x20AC,
        "copy": 0xA9, "reg": 0xAE, "deg": 0xB0, "hellip": 0x2026, "mdash": 0x2014, "ndash": 0x2013, "rsquo": 0x2019,
        "lsquo": 0x2018, "rdquo": 0x201D, "ldquo": 0x201C, "bull": 0x2022, "middot": 0xB7, "shy": 0xAD,
        "aacute": 0xE1, "iacute": 0xED, "oacute": 0xF3, "uacute": 0xFA, "ntilde": 0xF1, "szlig": 0xDF,
        "times": 0xD7, "sect": 0xA7, "para": 0xB6, "trade": 0x2122, "ensp": 0x20, "emsp": 0x20, "thinsp": 0x20,
        "zwnj": 0x200C, "zwj": 0x200D, "iexcl": 0xA1, "iquest": 0xBF, "pound": 0xA3, "yen": 0xA5, "cent": 0xA2,
    ]

    struct Writer {
        var out: [UInt8] = []
        var atLineStart = true
        var pendingSpace = false
        var quoteDepth = 0

        mutating func text(_ b: UInt8) {
            if atLineStart {
                for _ in 0..<quoteDepth { out.append(62); out.append(32) }
            } else if pendingSpace { out.append(32) }
            pendingSpace = false
            atLineStart = false
            out.append(b)
        }
        mutating func scalar(_ cp: UInt32) {
            guard let u = Unicode.Scalar(cp) else { text(0xEF); out += [0xBF, 0xBD]; return }
            let bytes = Array(String(Character(u)).utf8)
            text(bytes[0]); out += bytes.dropFirst()
        }
        mutating func space() { if !atLineStart { pendingSpace = true } }
        mutating func ensureLine() { if !atLineStart { out.append(10); atLineStart = true }; pendingSpace = false }
        mutating func hardBreak() {
            if atLineStart && quoteDepth > 0 { out.append(62) }
            out.append(10); atLineStart = true; pendingSpace = false
        }
    }

    static func convert(_ html: String) -> String {
        let s = Array(html.utf8)
        let n = s.count
        var w = Writer()
        w.out.reserveCapacity(n / 2)
        var i = 0
        var pre = 0
        while i < n {
            let c = s[i]
            if c == 60 /* < */ {
                if i + 3 < n, s[i + 1] == 33, s[i + 2] == 45, s[i + 3] == 45 {
                    // Comment, including <!--[if mso]> ... <![endif]-->.
                    i = (Bytes.find(Array("-->".utf8), in: s, from: i + 4, to: n).map { $0 + 3 }) ?? n
                    continue
                }
                if i + 1 < n, s[i + 1] == 33 || s[i + 1] == 63 {
                    i = (Bytes.find(byte: 62, in: s, from: i, to: n).map { $0 + 1 }) ?? n
                    continue
                }
                var j = i + 1
                let closing = j < n && s[j] == 47
                if closing { j += 1 }
                let nameStart = j
                while j < n, (s[j] >= 65 && s[j] <= 90) || (s[j] >= 97 && s[j] <= 122) || (s[j] >= 48 && s[j] <= 57)
                        || s[j] == 58 || s[j] == 45 { j += 1 }
                guard j > nameStart, nameStart < n, !(s[nameStart] >= 48 && s[nameStart] <= 57) else {
                    w.text(c); i += 1; continue
                }
                let name = Bytes.asciiLower(s[nameStart..<j])
                // End of tag, skipping quoted attribute values.
                var quote: UInt8 = 0
                while j < n {
                    let d = s[j]
                    if quote != 0 { if d == quote { quote = 0 } }
                    else if d == 34 || d == 39 { quote = d }
                    else if d == 62 { break }
                    j += 1
                }
                i = min(n, j + 1)
                if skipTags.contains(name) && !closing {
                    if s[max(0, j - 1)] == 47 { continue } // self-closing
                    if let end = findEndTag(s, Array(name.utf8), from: i) { i = (Bytes.find(byte: 62, in: s, from: end, to: n).map { $0 + 1 }) ?? n }
                    else if name != "head" { i = n }
                    continue
                }
                switch name {
                case "br": w.hardBreak()
                case "li": w.ensureLine(); if !closing { w.text(45); w.text(32); w.pendingSpace = false; w.atLineStart = false }
                case "blockquote":
                    w.ensureLine()
                    w.quoteDepth = closing ? max(0, w.quoteDepth - 1) : min(w.quoteDepth + 1, 32)
                case "pre": w.ensureLine(); pre = closing ? max(0, pre - 1) : pre + 1
                case "td", "th": if !closing { w.space() }
                default:
                    if blockTags.contains(name) { w.ensureLine() }
                }
                continue
            }
            if c == 38 /* & */ {
                var j = i + 1
                while j < n, j - i < 12, s[j] != 59, s[j] != 38, s[j] != 60, !Bytes.isWhite(s[j]) { j += 1 }
                if j < n, s[j] == 59, j > i + 1 {
                    let ent = s[(i + 1)..<j]
                    var cp: UInt32? = nil
                    if ent.first == 35 {
                        let digits = ent.dropFirst()
                        if let f = digits.first, f == 120 || f == 88 {
                            cp = UInt32(String(decoding: digits.dropFirst(), as: UTF8.self), radix: 16)
                        } else {
                            cp = UInt32(String(decoding: digits, as: UTF8.self))
                        }
                        if let v = cp, v >= 0x80 && v < 0xA0 { cp = Charset.cp1252High[Int(v - 0x80)] }
                    } else {
                        cp = entities[String(decoding: ent, as: UTF8.self)]
                    }
                    if let cp {
                        // &nbsp; is real content: Outlook's empty paragraphs (<o:p>&nbsp;</o:p>) are blank lines.
                        if cp == 0x20 { w.text(32) }
                        else if cp == 10 { w.hardBreak() }
                        else { w.scalar(cp) }
                        i = j + 1
                        continue
                    }
                }
                w.text(c); i += 1; continue
            }
            if Bytes.isWhite(c) {
                if pre > 0 { if c == 10 { w.hardBreak() } else if c != 13 { w.text(c) } } else { w.space() }
                i += 1; continue
            }
            w.text(c); i += 1
        }
        return tidy(String(decoding: w.out, as: UTF8.self))
    }

    /// Case-insensitive "</name" search, one forward pass.
    static func findEndTag(_ s: [UInt8], _ name: [UInt8], from: Int) -> Int? {
        var i = from
        while let lt = Bytes.find(byte: 60, in: s, from: i, to: s.count) {
            if lt + 1 + name.count < s.count, s[lt + 1] == 47 {
                var ok = true
                for (k, c) in name.enumerated() where Bytes.lower(s[lt + 2 + k]) != c { ok = false; break }
                if ok { return lt }
            }
            i = lt + 1
        }
        return nil
    }

    /// Trailing spaces off each line, at most one blank line in a row, no blank lines at the ends.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        var blank = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw
            while let l = line.last, l == " " || l == "\t" || l == "\u{A0}" { line.removeLast() }
            if line.isEmpty || line == ">" {
                blank += 1
                if blank > 1 || lines.isEmpty { continue }
            } else { blank = 0 }
            lines.append(line)
        }
        while let l = lines.last, l.isEmpty || l == ">" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
