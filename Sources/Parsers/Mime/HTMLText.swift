/// HTML to readable text in one pass over UTF-8 bytes, no DOM: block elements and `<br>` become line
/// breaks, list items get "- ", `<blockquote>` lines get "> " (so quote separation works on HTML-only
/// mail), entities are decoded, comments (Outlook conditional comments included), `<script>`, `<style>`,
/// `<head>` and `<title>` contents are dropped, Outlook's `<o:p>` is ignored.
enum HTMLText {
    enum Tag: UInt8 { case block, skip, br, li, blockquote, pre, cell }

    /// Lower-case tag or entity name (at most 8 bytes) packed little-endian into an integer: tags are looked up
    /// without making a String (a String and a hash per tag cost more than the rest of the conversion).
    static func key(_ name: some Sequence<UInt8>, lower: Bool) -> UInt64 {
        var k: UInt64 = 0, shift: UInt64 = 0
        for b in name { k |= UInt64(lower ? Bytes.lower(b) : b) << shift; shift += 8 }
        return k
    }

    static let blockNames = [
        "p", "div", "ul", "ol", "tr", "table", "tbody", "thead", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl",
        "dd", "dt", "section", "article", "header", "footer", "address", "center", "form", "body", "html", "nav", "aside",
        "main", "figure", "caption", "fieldset", "legend", "details", "summary", "figcaption",
    ]
    static let skipNames = ["script", "style", "head", "title", "template", "noscript", "xml", "svg"]

    /// The tag with that packed lower-case name: a switch on integer literals (the packed names of `blockNames`,
    /// `skipNames`, br, li, pre, td, th; FastPathTests checks every one) instead of a hashed lookup per tag.
    static func kind(_ k: UInt64) -> Tag? {
        switch k {
        case 0x70, 0x766964, 0x6C75, 0x6C6F, 0x7274, 0x656C626174, 0x79646F6274, 0x6461656874, 0x746F6F6674, 0x3168, 0x3268, 0x3368, 0x3468, 0x3568, 0x3668, 0x7268, 0x6C64, 0x6464, 0x7464, 0x6E6F6974636573, 0x656C6369747261, 0x726564616568, 0x7265746F6F66, 0x73736572646461, 0x7265746E6563, 0x6D726F66, 0x79646F62, 0x6C6D7468, 0x76616E, 0x6564697361, 0x6E69616D, 0x657275676966, 0x6E6F6974706163, 0x746573646C656966, 0x646E6567656C, 0x736C6961746564, 0x7972616D6D7573: return .block // p div ul ol tr table tbody thead tfoot h1 h2 h3 h4 h5 h6 hr dl dd dt section article header footer address center form body html nav aside main figure caption fieldset legend details summary
        case 0x747069726373, 0x656C797473, 0x64616568, 0x656C746974, 0x6574616C706D6574, 0x7470697263736F6E, 0x6C6D78, 0x677673: return .skip // script style head title template noscript xml svg
        case 0x7262: return .br // br
        case 0x696C: return .li // li
        case 0x657270: return .pre // pre
        case 0x6474, 0x6874: return .cell // td th
        default: return nil
        }
    }

    /// What a tag named `s[a..<b]` does; names longer than 8 bytes are the two 10-byte ones or nothing.
    static func tag(_ s: [UInt8], _ a: Int, _ b: Int) -> Tag? {
        if b - a <= 8 { return kind(key(s[a..<b], lower: true)) }
        guard b - a == 10 else { return nil }
        if Bytes.equalsLower(s[a..<b], "blockquote") { return .blockquote }
        if Bytes.equalsLower(s[a..<b], "figcaption") { return .block }
        return nil
    }

    static let entities: [UInt64: UInt32] = {
        let list: [String: UInt32] = [
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
        var t: [UInt64: UInt32] = [:]
        for (k, v) in list { t[key(k.utf8, lower: false)] = v } // names are case-sensitive (&Eacute; is not &eacute;)
        return t
    }()

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
            guard let u = Unicode.Scalar(cp) else { text(0xEF); out.append(0xBF); out.append(0xBD); return }
            var first = true
            for b in UTF8.encode(u)! {
                if first { text(b); first = false } else { out.append(b) }
            }
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
                let nameEnd = j
                let kind = tag(s, nameStart, nameEnd)
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
                guard let kind else { continue }
                switch kind {
                case .skip:
                    if closing { continue }
                    if s[max(0, j - 1)] == 47 { continue } // self-closing
                    let name = s[nameStart..<nameEnd].map(Bytes.lower)
                    if let end = findEndTag(s, name, from: i) { i = (Bytes.find(byte: 62, in: s, from: end, to: n).map { $0 + 1 }) ?? n }
                    else if !Bytes.equalsLower(s[nameStart..<nameEnd], "head") { i = n }
                case .br: w.hardBreak()
                case .li: w.ensureLine(); if !closing { w.text(45); w.text(32); w.pendingSpace = false; w.atLineStart = false }
                case .blockquote:
                    w.ensureLine()
                    w.quoteDepth = closing ? max(0, w.quoteDepth - 1) : min(w.quoteDepth + 1, 32)
                case .pre: w.ensureLine(); pre = closing ? max(0, pre - 1) : pre + 1
                case .cell: if !closing { w.space() }
                case .block: w.ensureLine()
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
                        cp = ent.count <= 8 ? entities[key(ent, lower: false)] : nil
                    }
                    if let cp {
                        // &nbsp; is real content: Outlook's empty paragraphs (<o:p>&nbsp;</o:p>) are blank lines.
                        if cp == 0x20 { w.text(32) }
                        else if cp == 10 { w.hardBreak() }
                        else if cp == 13 {} // dropped like a raw CR in <pre>: lines end with LF alone
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
            // The rest of the word: no line or space state left to settle.
            while i < n {
                let d = s[i]
                if d == 60 || d == 38 || Bytes.isWhite(d) { break }
                w.out.append(d); i += 1
            }
        }
        return tidy(w.out)
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

    /// Trailing spaces off each line, at most one blank line in a row, no blank lines at the ends; in place on
    /// the bytes (lines as Substrings cost a Character walk of the whole text).
    static func tidy(_ text: [UInt8]) -> String {
        let n = text.count
        return String(unsafeUninitializedCapacity: n) { out in
            text.withUnsafeBufferPointer { t in
                var w = 0, keep = 0      // bytes written; end of the last non-blank line
                var blank = 0, lines = 0
                var a = 0
                while a <= n {
                    var b = a
                    while b < n, t[b] != 10 { b += 1 }
                    var e = b
                    // Trailing spaces, tabs and no-break spaces (U+00A0 is C2 A0).
                    while e > a {
                        if t[e - 1] == 32 || t[e - 1] == 9 { e -= 1 }
                        else if e - a >= 2, t[e - 1] == 0xA0, t[e - 2] == 0xC2 { e -= 2 }
                        else { break }
                    }
                    let isBlank = e == a || (e == a + 1 && t[a] == 62)
                    var emit = true
                    if isBlank {
                        blank += 1
                        if blank > 1 || lines == 0 { emit = false }
                    } else { blank = 0 }
                    if emit {
                        if lines > 0 { out[w] = 10; w += 1 }
                        for k in a..<e { out[w] = t[k]; w += 1 }
                        lines += 1
                        if !isBlank { keep = w }
                    }
                    a = b + 1
                }
                return keep
            }
        }
    }

    static func tidy(_ text: String) -> String { tidy(Array(text.utf8)) }
}
