/// Structured header values with parameters (Content-Type, Content-Disposition): `value; a=b; c="d"`,
/// with RFC 2231 continuations and charsets (`filename*0*=UTF-8''a%20b`, `name*1="..."`) and the
/// common non-standard RFC 2047 words inside quoted values.
struct ParameterizedValue: Sendable {
    /// Lower-cased main value (`text/plain`, `attachment`).
    var value: String
    /// Parameter names lower-cased, values decoded.
    var parameters: [String: String]

    init(_ raw: String) {
        let s = Array(raw.utf8)
        var i = 0
        let n = s.count
        // Main value, up to ';' (or whitespace followed by a name=, for sloppy senders).
        while i < n, Bytes.isWhite(s[i]) { i += 1 }
        let vStart = i
        while i < n, s[i] != 59, !Bytes.isWhite(s[i]) { i += 1 }
        value = Bytes.asciiLower(s[vStart..<i]).trimming("\"'")
        var plain: [String: String] = [:]
        // name -> [(section, encoded, raw bytes)]
        var sections: [String: [(Int, Bool, [UInt8])]] = [:]
        var extended: [String: (Bool, [UInt8])] = [:]
        while i < n {
            while i < n, Bytes.isWhite(s[i]) || s[i] == 59 { i += 1 }
            let nStart = i
            while i < n, s[i] != 61, s[i] != 59, !Bytes.isWhite(s[i]) { i += 1 }
            let nameBytes = s[nStart..<i]
            while i < n, Bytes.isWhite(s[i]) { i += 1 }
            guard i < n, s[i] == 61 else {
                // Junk token without '=': skip it.
                while i < n, s[i] != 59 { i += 1 }
                continue
            }
            i += 1
            while i < n, Bytes.isWhite(s[i]) { i += 1 }
            var valueBytes: [UInt8] = []
            if i < n, s[i] == 34 {
                i += 1
                while i < n, s[i] != 34 {
                    if s[i] == 92, i + 1 < n { i += 1 }
                    valueBytes.append(s[i]); i += 1
                }
                i += 1
            } else {
                let st = i
                while i < n, s[i] != 59 { i += 1 }
                let (a, b) = Bytes.trim(s, st, i)
                valueBytes = Array(s[a..<b])
            }
            guard !nameBytes.isEmpty else { continue }
            // Byte tests: names are ASCII, and Character-level String operations cost far more.
            let encoded = nameBytes.last == 42
            let bare = encoded ? nameBytes.dropLast() : nameBytes
            let name = Bytes.asciiLower(bare)
            if let star = bare.firstIndex(of: 42), let idx = Int(Bytes.asciiLower(bare[(star + 1)...])) {
                let base = Bytes.asciiLower(bare[..<star])
                sections[base, default: []].append((idx, encoded, valueBytes))
            } else if encoded {
                extended[name] = (true, valueBytes)
            } else if plain[name] == nil {
                plain[name] = String(decoding: valueBytes, as: UTF8.self)
            }
        }
        var params: [String: String] = [:]
        for (k, v) in plain {
            // `v` is already a String (invalid UTF-8 repaired when it was made): only encoded words are left to decode.
            params[k] = ParameterizedValue.hasEncodedWord(v) ? EncodedWords.decode(v) : v
        }
        for (k, v) in extended { params[k] = ParameterizedValue.decode2231([(0, v.0, v.1)]) }
        for (k, v) in sections where extended[k] == nil {
            params[k] = ParameterizedValue.decode2231(v.sorted { $0.0 < $1.0 })
        }
        parameters = params
    }

    /// Assembles RFC 2231 sections: the first encoded one carries `charset'language'`.
    static func decode2231(_ parts: [(Int, Bool, [UInt8])]) -> String {
        var charset: String? = nil
        var bytes: [UInt8] = []
        for (n, (_, encoded, raw)) in parts.enumerated() {
            var v = raw[...]
            if encoded {
                if n == 0 || charset == nil, let q1 = v.firstIndex(of: 39), let q2 = v[(q1 + 1)...].firstIndex(of: 39) {
                    charset = String(decoding: v[..<q1], as: UTF8.self)
                    v = v[(q2 + 1)...]
                }
                var j = v.startIndex
                while j < v.endIndex {
                    if v[j] == 37, j + 2 < v.endIndex, let h = TransferEncoding.hexValue(v[j + 1]),
                       let l = TransferEncoding.hexValue(v[j + 2]) {
                        bytes.append(h << 4 | l); j += 3
                    } else { bytes.append(v[j]); j += 1 }
                }
            } else {
                bytes.append(contentsOf: v)
            }
        }
        let cs = (charset?.isEmpty ?? true) ? "utf-8" : charset!
        let text = Charset.decode(bytes[...], charset: cs).text
        return hasEncodedWord(text) ? EncodedWords.decode(text) : text
    }

    /// "=?" somewhere: a byte scan (Foundation's `contains` makes an NSString per parameter).
    static func hasEncodedWord(_ s: String) -> Bool {
        var previous: UInt8 = 0
        for b in s.utf8 {
            if previous == 61 && b == 63 { return true }
            previous = b
        }
        return false
    }
}
