/// Content-Transfer-Encoding decoders. Both are single passes over bytes with a preallocated output,
/// tolerant of what real mailers send; problems are counted, never thrown.
enum TransferEncoding {
    enum Kind: Sendable, Equatable { case identity, base64, quotedPrintable, unknown(String) }

    static func kind(_ raw: String?) -> Kind {
        guard let raw else { return .identity }
        let v = raw.trimmedSpaces.asciiLowercased
        switch v {
        case "", "7bit", "8bit", "binary", "7-bit", "8-bit", "none": return .identity
        case "base64", "base-64": return .base64
        case "quoted-printable", "quotedprintable", "qp": return .quotedPrintable
        default: return .unknown(v)
        }
    }

    /// 0..63 for alphabet bytes (standard and URL-safe), 0x80 for everything else.
    static let base64Table: [UInt8] = {
        var t = [UInt8](repeating: 0x80, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "-"))] = 62; t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// Decodes base64, skipping line breaks, whitespace and garbage. `garbage` counts bytes that are
    /// neither alphabet, padding nor whitespace; `truncated` is set when a dangling 6-bit group is dropped.
    static func decodeBase64(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], garbage: Int, truncated: Bool) {
        let n = input.count
        var garbage = 0, truncated = false
        let out = [UInt8](unsafeUninitializedCapacity: n / 4 * 3 + 3) { buf, written in
            base64Table.withUnsafeBufferPointer { tp in
                input.withUnsafeBufferPointer { ip in
                    guard let p = ip.baseAddress, let o = buf.baseAddress else { written = 0; return }
                    let t = tp.baseAddress!
                    var i = 0, w = 0, acc: UInt32 = 0, count = 0
                    while i < n {
                        // Fast path: four alphabet bytes at a group boundary.
                        if count == 0 {
                            while i + 4 <= n {
                                let a = t[Int(p[i])], b = t[Int(p[i + 1])], c = t[Int(p[i + 2])], d = t[Int(p[i + 3])]
                                if (a | b | c | d) & 0x80 != 0 { break }
                                let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                                o[w] = UInt8(truncatingIfNeeded: v >> 16)
                                o[w + 1] = UInt8(truncatingIfNeeded: v >> 8)
                                o[w + 2] = UInt8(truncatingIfNeeded: v)
                                w += 3; i += 4
                            }
                            if i >= n { break }
                        }
                        let ch = p[i]; i += 1
                        let v = t[Int(ch)]
                        if v & 0x80 == 0 {
                            acc = acc << 6 | UInt32(v); count += 1
                            if count == 4 {
                                o[w] = UInt8(truncatingIfNeeded: acc >> 16)
                                o[w + 1] = UInt8(truncatingIfNeeded: acc >> 8)
                                o[w + 2] = UInt8(truncatingIfNeeded: acc)
                                w += 3; acc = 0; count = 0
                            }
                        } else if ch == UInt8(ascii: "=") {
                            // Padding ends a group; some mailers concatenate padded chunks, so keep going.
                            if count == 2 { o[w] = UInt8(truncatingIfNeeded: acc >> 4); w += 1 }
                            else if count == 3 {
                                o[w] = UInt8(truncatingIfNeeded: acc >> 10); o[w + 1] = UInt8(truncatingIfNeeded: acc >> 2); w += 2
                            } else if count == 1 { truncated = true }
                            acc = 0; count = 0
                        } else if !(ch == 10 || ch == 13 || ch == 32 || ch == 9) {
                            garbage += 1
                        }
                    }
                    if count == 2 { o[w] = UInt8(truncatingIfNeeded: acc >> 4); w += 1 }
                    else if count == 3 {
                        o[w] = UInt8(truncatingIfNeeded: acc >> 10); o[w + 1] = UInt8(truncatingIfNeeded: acc >> 2); w += 2
                    } else if count == 1 { truncated = true }
                    written = w
                }
            }
        }
        return (out, garbage, truncated)
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }

    /// Decodes quoted-printable: soft line breaks, lower-case hex; a broken escape is kept literally.
    /// `header` selects the RFC 2047 "Q" variant where `_` is a space.
    static func decodeQuotedPrintable(_ input: ArraySlice<UInt8>, header: Bool = false) -> (bytes: [UInt8], broken: Int) {
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var broken = 0
        var i = input.startIndex
        let end = input.endIndex
        // End of the output that must survive trailing-whitespace removal (decoded "=20" does).
        var keep = 0
        while i < end {
            let c = input[i]
            if c == UInt8(ascii: "=") {
                if i + 2 < end, let h = hexValue(input[i + 1]), let l = hexValue(input[i + 2]) {
                    out.append(h << 4 | l); keep = out.count; i += 3; continue
                }
                // Soft line break: "=" then optional whitespace then LF / CRLF (or end of input).
                var j = i + 1
                while j < end, input[j] == 32 || input[j] == 9 { j += 1 }
                if j == end { i = end; continue }
                if input[j] == 10 { i = j + 1; continue }
                if input[j] == 13 {
                    i = (j + 1 < end && input[j + 1] == 10) ? j + 2 : j + 1
                    continue
                }
                broken += 1
                out.append(c); keep = out.count; i += 1
            } else if c == 10 || (c == 13 && i + 1 < end && input[i + 1] == 10) {
                // Transport may add trailing whitespace; RFC 2045 says drop it.
                if out.count > keep { out.removeLast(out.count - keep) }
                if c == 13 { out.append(13); i += 1 }
                out.append(10); i += 1; keep = out.count
            } else if c == 32 || c == 9 {
                out.append(c); i += 1
            } else if header && c == UInt8(ascii: "_") {
                out.append(32); keep = out.count; i += 1
            } else {
                out.append(c); keep = out.count; i += 1
            }
        }
        return (out, broken)
    }
}
