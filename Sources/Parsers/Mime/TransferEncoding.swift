import CBase64
/// Content-Transfer-Encoding decoders. Both are single passes over bytes with a preallocated output,
/// tolerant of what real mailers send; problems are counted, never thrown.
public enum TransferEncoding {
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

    /// Same as `kind(_:)` on field `k` of `headers`, without making a String for the names every mailer writes.
    static func kind(_ headers: MessageHeaders, _ k: Int) -> Kind {
        let u = headers.unfolded(k)
        if Bytes.equalsLower(u, "7bit") || Bytes.equalsLower(u, "8bit") { return .identity }
        if Bytes.equalsLower(u, "base64") { return .base64 }
        if Bytes.equalsLower(u, "quoted-printable") { return .quotedPrintable }
        return kind(headers.rawString(k))
    }

    /// 0..63 for alphabet bytes (standard and URL-safe), 0x80 for everything else.
    static let base64Table: [UInt8] = {
        var t = [UInt8](repeating: 0x80, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "-"))] = 62; t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// Four 256-entry tables, one per position in a 4-byte group: the byte's 6 bits already placed where they
    /// land in the 3 output bytes as stored little-endian, so a group decodes to `q0[a] | q1[b] | q2[c] | q3[d]`
    /// with no shift or branch. Non-alphabet bytes give `base64Bad`, which no OR of valid entries can produce.
    static let base64Quads: [UInt32] = {
        var q = [UInt32](repeating: base64Bad, count: 1024)
        for b in 0..<256 where base64Table[b] & 0x80 == 0 {
            let v = UInt32(base64Table[b])
            q[b] = v << 2
            q[256 + b] = v >> 4 | (v & 0x0F) << 12
            q[512 + b] = (v >> 2) << 8 | (v & 0x03) << 22
            q[768 + b] = v << 16
        }
        return q
    }()
    static let base64Bad: UInt32 = 0x0100_0000

    /// Decodes base64, skipping line breaks, whitespace and garbage. `garbage` counts bytes that are
    /// neither alphabet, padding nor whitespace; `truncated` is set when a dangling 6-bit group is dropped.
    /// Clean runs go 16 bytes at a time through the SSSE3 decoder (`espace_base64_decode_blocks`, which also skips
    /// line breaks between groups), then 8 bytes at a time through `base64Quads` where it stops short or SSSE3 is
    /// missing; anything else (padding, spaces inside a group, garbage) takes the byte-by-byte path.
    public static func decodeBase64(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], garbage: Int, truncated: Bool) {
        let n = input.count
        var garbage = 0, truncated = false
        // 16 bytes of slack: the block decoder stores 16 bytes to advance 12, the quad path 8 to advance 6.
        let out = [UInt8](unsafeUninitializedCapacity: n / 4 * 3 + 16) { buf, written in
            base64Quads.withUnsafeBufferPointer { qp in
                input.withUnsafeBufferPointer { ip in
                    guard let p = ip.baseAddress, let o = buf.baseAddress else { written = 0; return }
                    let q = qp.baseAddress!
                    let raw = UnsafeRawPointer(p), rawOut = UnsafeMutableRawPointer(o)
                    var i = 0, w = 0, acc: UInt32 = 0, count = 0
                    while i < n {
                        if count == 0 {
                            if i + 16 <= n {
                                var decoded = 0
                                i += espace_base64_decode_blocks(p + i, n - i, o + w, &decoded)
                                w += decoded
                            }
                            while i + 8 <= n {
                                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                                let v0 = q[Int(x & 0xFF)] | q[256 + Int(x >> 8 & 0xFF)]
                                    | q[512 + Int(x >> 16 & 0xFF)] | q[768 + Int(x >> 24 & 0xFF)]
                                let v1 = q[Int(x >> 32 & 0xFF)] | q[256 + Int(x >> 40 & 0xFF)]
                                    | q[512 + Int(x >> 48 & 0xFF)] | q[768 + Int(x >> 56)]
                                if (v0 | v1) >= base64Bad { break }
                                rawOut.storeBytes(of: (UInt64(v0) | UInt64(v1) << 24).littleEndian, toByteOffset: w, as: UInt64.self)
                                w += 6; i += 8
                            }
                            if i + 4 <= n {
                                let v = q[Int(p[i])] | q[256 + Int(p[i + 1])] | q[512 + Int(p[i + 2])] | q[768 + Int(p[i + 3])]
                                if v < base64Bad {
                                    rawOut.storeBytes(of: v.littleEndian, toByteOffset: w, as: UInt32.self)
                                    w += 3; i += 4
                                    continue
                                }
                            }
                            // A line break between two groups: skip it and stay on the fast path.
                            if i < n && (p[i] == 13 || p[i] == 10) {
                                i += 1
                                if i < n && p[i] == 10 { i += 1 }
                                continue
                            }
                            if i >= n { break }
                        }
                        let ch = p[i]; i += 1
                        let v = q[Int(ch)]
                        if v < base64Bad {
                            acc = acc << 6 | v >> 2; count += 1
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
        var broken = 0
        // The output is never longer than the input: written in place through a pointer.
        let out = [UInt8](unsafeUninitializedCapacity: input.count) { o, written in
            input.withUnsafeBufferPointer { p in
                var i = 0, w = 0
                let end = p.count
                // End of the output that must survive trailing-whitespace removal (decoded "=20" does).
                var keep = 0
                while i < end {
                    let c = p[i]
                    if c >= 32 && c != 61 && (c != 95 || !header) {
                        // A run of literal bytes and spaces (most of the text): copied without the cases below.
                        let runStart = w
                        var j = i
                        if !header, let src = p.baseAddress, let dst = o.baseAddress {
                            // 8 bytes at a time while none is a control byte (< 0x20), "=" or 8-bit (exact tests for
                            // 7-bit bytes); the output never passes the input.
                            let raw = UnsafeRawPointer(src), rawOut = UnsafeMutableRawPointer(dst)
                            while j + 8 <= end {
                                let x = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                                let low = (x &- 0x2020_2020_2020_2020) & ~x
                                let e = x ^ 0x3D3D_3D3D_3D3D_3D3D
                                let eq = (e &- 0x0101_0101_0101_0101) & ~e
                                if (low | eq | x) & 0x8080_8080_8080_8080 != 0 { break }
                                rawOut.storeBytes(of: x, toByteOffset: w, as: UInt64.self)
                                w &+= 8; j &+= 8
                            }
                        }
                        while j < end && p[j] >= 32 && p[j] != 61 && (p[j] != 95 || !header) { o[w] = p[j]; w &+= 1; j &+= 1 }
                        // Trailing spaces of the run may still be dropped before a line break.
                        var k = w
                        while k > runStart && o[k &- 1] == 32 { k &-= 1 }
                        if k > runStart { keep = k }
                        i = j
                        continue
                    }
                    if c == 61 /* = */ {
                        if i + 2 < end, let h = hexValue(p[i + 1]), let l = hexValue(p[i + 2]) {
                            o[w] = h << 4 | l; w += 1; keep = w; i += 3; continue
                        }
                        // Soft line break: "=" then optional whitespace then LF / CRLF (or end of input).
                        var j = i + 1
                        while j < end, p[j] == 32 || p[j] == 9 { j += 1 }
                        if j == end { i = end; continue }
                        if p[j] == 10 { i = j + 1; continue }
                        if p[j] == 13 {
                            i = (j + 1 < end && p[j + 1] == 10) ? j + 2 : j + 1
                            continue
                        }
                        broken += 1
                        o[w] = c; w += 1; keep = w; i += 1
                    } else if c == 10 || (c == 13 && i + 1 < end && p[i + 1] == 10) {
                        // Transport may add trailing whitespace; RFC 2045 says drop it.
                        w = keep
                        if c == 13 { o[w] = 13; w += 1; i += 1 }
                        o[w] = 10; w += 1; i += 1; keep = w
                    } else if c == 32 || c == 9 {
                        o[w] = c; w += 1; i += 1
                    } else if header && c == 95 /* _ */ {
                        o[w] = 32; w += 1; keep = w; i += 1
                    } else {
                        o[w] = c; w += 1; keep = w; i += 1
                    }
                }
                written = w
            }
        }
        return (out, broken)
    }

}
