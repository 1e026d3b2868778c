/// Structured header values with parameters (Content-Type, Content-Disposition): `value; a=b; c="d"`,
/// with RFC 2231 continuations and charsets (`filename*0*=UTF-8''a%20b`, `name*1="..."`) and the
/// common non-standard RFC 2047 words inside quoted values.
struct ParameterizedValue: Sendable {
    /// Lower-cased main value (`text/plain`, `attachment`).
    var value: String
    /// Parameter names lower-cased, values decoded.
    var parameters: Parameters

    init(_ raw: String) { self.init(bytes: Array(raw.utf8)[...]) }

    /// Reads the bytes of an unfolded header value (UTF-8, or 8-bit bytes a caller has already made UTF-8).
    init(bytes: ArraySlice<UInt8>) {
        var value = ""
        var params = Parameters()
        bytes.withUnsafeBufferPointer { s in
            var i = 0
            let n = s.count
            // Main value, up to ';' (or whitespace followed by a name=, for sloppy senders).
            while i < n, Bytes.isWhite(s[i]) { i += 1 }
            var vStart = i
            while i < n, s[i] != 59, !Bytes.isWhite(s[i]) { i += 1 }
            var vEnd = i
            func quote(_ b: UInt8) -> Bool { b == 34 || b == 39 }
            while vStart < vEnd, quote(s[vStart]) { vStart += 1 }
            while vEnd > vStart, quote(s[vEnd - 1]) { vEnd -= 1 }
            value = ParameterizedValue.commonValue(UnsafeBufferPointer(rebasing: s[vStart..<vEnd]))
                ?? Bytes.lowerString(UnsafeBufferPointer(rebasing: s[vStart..<vEnd]))
            // RFC 2231 pieces (rare): name -> [(section, encoded, raw bytes)], and whole `name*=` values.
            // Made on the first such piece: most values have none, and even empty dictionaries cost at every part.
            var sections: [String: [(Int, Bool, [UInt8])]]? = nil
            var extended: [String: [UInt8]]? = nil
            while i < n {
                while i < n, Bytes.isWhite(s[i]) || s[i] == 59 { i += 1 }
                let nStart = i
                while i < n, s[i] != 61, s[i] != 59, !Bytes.isWhite(s[i]) { i += 1 }
                let nEnd = i
                while i < n, Bytes.isWhite(s[i]) { i += 1 }
                guard i < n, s[i] == 61 else {
                    // Junk token without '=': skip it.
                    while i < n, s[i] != 59 { i += 1 }
                    continue
                }
                i += 1
                while i < n, Bytes.isWhite(s[i]) { i += 1 }
                // The value: a range of `s` when nothing needs unescaping, else its unescaped bytes.
                var vr = i..<i
                var escaped: [UInt8]? = nil
                if i < n, s[i] == 34 {
                    i += 1
                    let st = i
                    while i < n, s[i] != 34 {
                        if s[i] == 92, i + 1 < n {
                            if escaped == nil { escaped = Array(s[st..<i]) }
                            i += 1
                        }
                        escaped?.append(s[i]); i += 1
                    }
                    vr = st..<i
                    i += 1
                } else {
                    let st = i
                    while i < n, s[i] != 59 { i += 1 }
                    let (a, b) = Bytes.trim(s, st, i)
                    vr = a..<b
                }
                guard nEnd > nStart else { continue }
                func valueBytes() -> [UInt8] { escaped ?? Array(s[vr]) }
                // Byte tests: names are ASCII, and Character-level String operations cost far more.
                let encoded = s[nEnd - 1] == 42
                let bareEnd = encoded ? nEnd - 1 : nEnd
                var star = nStart
                while star < bareEnd, s[star] != 42 { star += 1 }
                if star < bareEnd {
                    if let idx = Int(Bytes.lowerString(UnsafeBufferPointer(rebasing: s[(star + 1)..<bareEnd]))) {
                        let base = ParameterizedValue.name(UnsafeBufferPointer(rebasing: s[nStart..<star]))
                        sections = sections ?? [:]
                        sections![base, default: []].append((idx, encoded, valueBytes()))
                        continue
                    }
                }
                let name = ParameterizedValue.name(UnsafeBufferPointer(rebasing: s[nStart..<bareEnd]))
                if encoded {
                    extended = extended ?? [:]
                    extended![name] = valueBytes()
                } else if params[name] == nil, extended?[name] == nil {
                    var v: String
                    var mayHaveWord = true
                    if let escaped { v = String(decoding: escaped, as: UTF8.self) } else {
                        let r = UnsafeBufferPointer(rebasing: s[vr])
                        v = String(decoding: r, as: UTF8.self)
                        mayHaveWord = r.count >= 2 && (0..<(r.count - 1)).contains { r[$0] == 61 && r[$0 + 1] == 63 }
                    }
                    // `v` is a String (invalid UTF-8 repaired when it was made): only encoded words are left to decode.
                    if mayHaveWord, ParameterizedValue.hasEncodedWord(v) { v = EncodedWords.decode(v) }
                    if params.pairs.isEmpty { params.pairs.reserveCapacity(3) }
                    params.pairs.append(Parameter(name: name, value: v))
                }
            }
            if let extended {
                for (k, v) in extended { params.set(k, ParameterizedValue.decode2231([(0, true, v)])) }
            }
            if let sections {
                for (k, v) in sections where extended?[k] == nil {
                    params.set(k, ParameterizedValue.decode2231(v.sorted { $0.0 < $1.0 }))
                }
            }
        }
        self.value = value
        self.parameters = params
    }

    init(value: String, parameters: Parameters) { self.value = value; self.parameters = parameters }

    /// Types longer than a small (inline) String, as literals: no allocation for the ones every mailer writes.
    static let longCommonValues: [String] = [
        "multipart/alternative", "multipart/related", "multipart/signed", "multipart/report",
        "application/octet-stream", "message/delivery-status", "application/pkcs7-signature", "text/rfc822-headers",
        "message/external-body", "message/disposition-notification",
    ]

    /// Parameter names every mailer writes, as literals.
    static let commonNames: [String] = ["charset", "boundary", "name", "filename", "format", "delsp", "type", "size"]

    /// A parameter name lower-cased: a literal for the common ones, else a new String.
    static func name(_ s: UnsafeBufferPointer<UInt8>) -> String {
        for var lit in commonNames where lit.utf8.count == s.count {
            let same = lit.withUTF8 { l in
                for i in 0..<s.count where Bytes.lower(s[i]) != l[i] { return false }
                return true
            }
            if same { return lit }
        }
        return Bytes.lowerString(s)
    }

    static func commonValue(_ s: UnsafeBufferPointer<UInt8>) -> String? {
        guard s.count > 15 else { return nil }
        for var lit in longCommonValues where lit.utf8.count == s.count {
            let same = lit.withUTF8 { l in
                for i in 0..<s.count where Bytes.lower(s[i]) != l[i] { return false }
                return true
            }
            if same { return lit }
        }
        return nil
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

struct Parameter: Sendable, Equatable {
    var name: String
    var value: String
}

/// A part's parameters in the order written, names lower-cased and unique. A short array searched in place:
/// parts carry two or three parameters, and a dictionary per part cost more than every lookup.
struct Parameters: Sendable, Equatable {
    var pairs: [Parameter] = []

    init() {}
    init(_ dictionary: [String: String]) {
        pairs = dictionary.sorted { $0.key < $1.key }.map { Parameter(name: $0.key, value: $0.value) }
    }

    /// Lower-case `name`.
    subscript(name: String) -> String? {
        for p in pairs where p.name == name { return p.value }
        return nil
    }

    mutating func set(_ name: String, _ value: String) {
        if let k = pairs.firstIndex(where: { $0.name == name }) { pairs[k].value = value }
        else { pairs.append(Parameter(name: name, value: value)) }
    }

    var dictionary: [String: String] {
        var d = [String: String](minimumCapacity: pairs.count)
        for p in pairs { d[p.name] = p.value }
        return d
    }
}
