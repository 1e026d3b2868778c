import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns bytes in a declared charset into a Swift `String`. UTF-8, ISO-8859-1/15 and Windows-1252 are
/// decoded natively (table lookups); anything else goes through glibc iconv. Failure never throws:
/// an unknown or lying charset degrades to Windows-1252 or replacement characters and reports why.
enum Charset {
    enum Known: Sendable { case utf8, ascii, latin1, latin9, windows1252, other(String) }

    struct Result { var text: String; var defect: Defect? }

    static func normalize(_ raw: String?) -> Known {
        guard let raw, !raw.isEmpty else { return .ascii }
        // The names nearly every part declares, matched without building a lower-cased copy.
        if raw.equalsIgnoringASCIICase("utf-8") { return .utf8 }
        if raw.equalsIgnoringASCIICase("us-ascii") { return .ascii }
        if raw.equalsIgnoringASCIICase("iso-8859-1") { return .latin1 }
        // Byte-level trim/lower-case (runs for every text part): quotes, blanks, and a trailing
        // RFC 2231 language ("utf-8*fr").
        var u = Array(raw.utf8)
        if let star = u.firstIndex(of: 42) { u.removeSubrange(star...) }
        var a = 0, e = u.count
        func junk(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 34 || b == 39 || b == 13 || b == 10 }
        while a < e, junk(u[a]) { a += 1 }
        while e > a, junk(u[e - 1]) { e -= 1 }
        let name = String(decoding: u[a..<e].map(Bytes.lower), as: UTF8.self)
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "646", "": return .ascii
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819", "ibm819",
             "iso_8859-1:1987", "8859-1", "iso8859_1":
            return .latin1
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin-9", "latin9", "l9", "8859-15": return .latin9
        case "windows-1252", "cp1252", "x-cp1252", "win-1252", "ms-ansi", "windows1252": return .windows1252
        case "gb2312", "gbk", "x-gbk", "euc-cn": return .other("gb18030")
        case "ks_c_5601-1987", "ks_c_5601", "euc-kr": return .other("cp949")
        case "iso-8859-8-i": return .other("iso-8859-8")
        case "shift-jis", "x-sjis", "sjis": return .other("shift_jis")
        default: return .other(name)
        }
    }

    static func decode(_ bytes: ArraySlice<UInt8>, charset: String?) -> Result {
        decode(bytes, known: normalize(charset))
    }

    /// The bytes as a String when they are valid UTF-8, else nil. ASCII is checked eight bytes at a time, the rest
    /// through UTF8Span: `String(validating:as:)` is generic and looked up runtime metadata on every call.
    static func validUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { p -> String? in
            if Bytes.isASCII(p) { return String(decoding: p, as: UTF8.self) }
            guard let span = try? UTF8Span(validating: unsafe Span(_unsafeElements: p)) else { return nil }
            return String(copying: span)
        }
    }

    static func decode(_ bytes: ArraySlice<UInt8>, known: Known) -> Result {
        switch known {
        case .utf8:
            if let s = validUTF8(bytes) { return Result(text: s, defect: nil) }
            // Declared UTF-8 without a single valid multibyte sequence: it is really 8-bit text.
            if validMultibyteSequences(bytes) == 0 {
                return Result(text: singleByte(bytes, table: cp1252High), defect: Defect("charset-mismatch", "utf-8 read as windows-1252"))
            }
            return Result(text: String(decoding: bytes, as: UTF8.self),
                          defect: Defect("charset-invalid-bytes", "invalid UTF-8 replaced"))
        case .ascii:
            // Undeclared or "us-ascii" 8-bit text is in practice UTF-8 (RFC 6532) or Windows-1252.
            if let s = validUTF8(bytes) { return Result(text: s, defect: nil) }
            return Result(text: singleByte(bytes, table: cp1252High), defect: Defect("charset-8bit-in-ascii"))
        case .latin1, .latin9, .windows1252:
            // A "Latin-1" body that is valid UTF-8 with accented letters is UTF-8 mislabelled by a webmail.
            if bytes.contains(where: { $0 >= 0x80 }), validMultibyteSequences(bytes) > 0,
               let s = validUTF8(bytes) {
                return Result(text: s, defect: Defect("charset-mismatch", "declared single-byte, read as utf-8"))
            }
            switch known {
            case .latin1: return Result(text: singleByte(bytes, table: nil), defect: nil)
            case .latin9: return Result(text: singleByte(bytes, table: latin9High), defect: nil)
            default: return Result(text: singleByte(bytes, table: cp1252High), defect: nil)
            }
        case .other(let name): return iconvDecode(bytes, name: name)
        }
    }

    /// 1 if the bytes hold at least one well-formed 2-4 byte UTF-8 sequence, else 0 (callers only test
    /// for zero, so the scan stops at the first one).
    static func validMultibyteSequences(_ b: ArraySlice<UInt8>) -> Int {
        var i = b.startIndex
        let e = b.endIndex
        while i < e {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let need = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 && c <= 0xDF ? 1 : 0
            if need > 0, i + need < e {
                var ok = true
                for k in 1...need where b[i + k] & 0xC0 != 0x80 { ok = false; break }
                if ok { return 1 }
            }
            i += 1
        }
        return 0
    }

    /// Windows-1252 code points for 0x80...0x9F (undefined ones map to the C1 control, like browsers).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]
    /// ISO-8859-15 differs from Latin-1 in eight places; stored as a full 0xA0...0xBF override.
    static let latin9High: [UInt32] = {
        var t = (0..<32).map { UInt32(0x80 + $0) }
        t.append(contentsOf: (0..<32).map { UInt32(0xA0 + $0) })
        for (k, v) in [(0xA4, 0x20AC), (0xA6, 0x0160), (0xA8, 0x0161), (0xB4, 0x017D), (0xB8, 0x017E),
                       (0xBC, 0x0152), (0xBD, 0x0153), (0xBE, 0x0178)] { t[k - 0x80] = UInt32(v) }
        return t
    }()

    /// Single-byte charsets: bytes >= 0x80 map through `table` (indexed from 0x80) or to themselves.
    static func singleByte(_ bytes: ArraySlice<UInt8>, table: [UInt32]?) -> String {
        bytes.withUnsafeBufferPointer { p in
            String(unsafeUninitializedCapacity: p.count * 3) { out in
                var w = 0
                for b in p {
                    if b < 0x80 { out[w] = b; w += 1; continue }
                    var cp = UInt32(b)
                    if let table, Int(b) - 0x80 < table.count { cp = table[Int(b) - 0x80] }
                    if cp < 0x800 {
                        out[w] = UInt8(0xC0 | (cp >> 6)); out[w + 1] = UInt8(0x80 | (cp & 0x3F)); w += 2
                    } else {
                        out[w] = UInt8(0xE0 | (cp >> 12)); out[w + 1] = UInt8(0x80 | ((cp >> 6) & 0x3F))
                        out[w + 2] = UInt8(0x80 | (cp & 0x3F)); w += 3
                    }
                }
                return w
            }
        }
    }

    /// Any other charset through glibc iconv. Rejected names fall back to UTF-8 if valid, else Windows-1252.
    static func iconvDecode(_ bytes: ArraySlice<UInt8>, name: String) -> Result {
        let safe = name.utf8.count <= 40 && name.utf8.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 || $0 == 46 || $0 == 58
        }
        let cd: iconv_t? = safe ? IconvPool.take(name) : nil
        guard let cd else {
            if let s = validUTF8(bytes) {
                return Result(text: s, defect: Defect("charset-unknown", name))
            }
            return Result(text: singleByte(bytes, table: cp1252High), defect: Defect("charset-unknown", name))
        }
        defer { IconvPool.give(cd, name) }
        if bytes.isEmpty { return Result(text: "", defect: nil) }
        // Four output bytes per input byte hold any charset's UTF-8 (UTF-16 and UTF-7 need at most three): the
        // String is written in place, and only a converter that still runs out of room takes the growing way.
        var invalid = 0
        var overflow = false
        let capacity = bytes.count * 4 + 16
        let text = bytes.withUnsafeBufferPointer { ib in
            String(unsafeUninitializedCapacity: capacity) { ob -> Int in
                let r = convert(cd, ib, into: ob)
                invalid = r.invalid; overflow = r.overflow
                return r.written
            }
        }
        var result = Result(text: text, defect: nil)
        if overflow {
            var out = [UInt8](repeating: 0, count: capacity)
            while overflow {
                _ = iconv(cd, nil, nil, nil, nil)
                out = [UInt8](repeating: 0, count: out.count * 2)
                let r = bytes.withUnsafeBufferPointer { ib in out.withUnsafeMutableBufferPointer { convert(cd, ib, into: $0) } }
                invalid = r.invalid; overflow = r.overflow
                result.text = String(decoding: out[0..<r.written], as: UTF8.self)
            }
        }
        if invalid > 0 { result.defect = Defect("charset-invalid-bytes", "\(invalid) in \(name)") }
        return result
    }

    /// Converts all of `input` into `output`; invalid or truncated input becomes U+FFFD (one per byte skipped).
    /// `overflow` when `output` was too small (what was written is then incomplete).
    static func convert(_ cd: iconv_t, _ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>)
        -> (written: Int, invalid: Int, overflow: Bool) {
        guard let inBase = input.baseAddress, let outBase = output.baseAddress else { return (0, 0, input.count > 0) }
        // iconv's C signature takes the input as non-const; it only reads through it.
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase).assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        var written = 0, invalid = 0
        while inLeft > 0 {
            let outCap = output.count - written
            var outLeft = outCap
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + written).assumingMemoryBound(to: CChar.self)
            let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            written += outCap - outLeft
            if rc != -1 { break }
            if errno == E2BIG { return (written, invalid, true) }
            // EILSEQ or EINVAL: emit U+FFFD, skip one byte, continue.
            invalid += 1
            if output.count - written < 3 { return (written, invalid, true) }
            outBase[written] = 0xEF; outBase[written + 1] = 0xBF; outBase[written + 2] = 0xBD; written += 3
            inPtr = inPtr.map { $0 + 1 }; inLeft -= 1
        }
        return (written, invalid, false)
    }
}

/// Open iconv converters kept per charset: opening one loads (and closing unloads) a glibc gconv module, which
/// cost more than converting a whole mail. A converter is used by one caller at a time, its state reset between uses.
enum IconvPool {
    nonisolated(unsafe) private static var free: [String: [iconv_t]] = [:]
    private static let lock = NSLock()
    static let maxPerCharset = 4

    /// An open converter from `name` to UTF-8, or nil when iconv does not know the charset.
    static func take(_ name: String) -> iconv_t? {
        lock.lock()
        if let cd = free[name]?.popLast() { lock.unlock(); return cd }
        lock.unlock()
        let cd = iconv_open("UTF-8", name)
        return cd == iconv_t(bitPattern: -1) ? nil : cd
    }

    static func give(_ cd: iconv_t, _ name: String) {
        _ = iconv(cd, nil, nil, nil, nil) // back to the initial shift state
        lock.lock()
        if free[name, default: []].count < maxPerCharset && free.count < 64 {
            free[name, default: []].append(cd); lock.unlock()
        } else {
            lock.unlock(); iconv_close(cd)
        }
    }
}
