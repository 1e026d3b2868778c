import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Hexadecimal digits by value, for the encoders that write bytes as hex (digests, percent- and QP-encoding, JSON).
public enum HexDigits {
    public static let lower = Array("0123456789abcdef".utf8)
    public static let upper = Array("0123456789ABCDEF".utf8)
}

/// Byte-level helpers shared by the MIME reader. Everything works on `[UInt8]` ranges so that
/// large bodies are never turned into `String`s or `Character`s.
enum Bytes {
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
    @inline(__always) static func isWhite(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    /// Offset of `needle` in `hay[from..<to]`: memchr for its first byte, then memcmp
    /// (glibc's memmem is not exported to Swift without _GNU_SOURCE).
    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int, to: Int) -> Int? {
        let m = needle.count
        guard m > 0, to - from >= m else { return nil }
        return hay.withUnsafeBufferPointer { h -> Int? in
            needle.withUnsafeBufferPointer { n -> Int? in
                guard let base = h.baseAddress, let nb = n.baseAddress else { return nil }
                let first = Int32(nb[0])
                var i = from
                let last = to - m
                while i <= last {
                    guard let p = memchr(base + i, first, last - i + 1) else { return nil }
                    let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, nb, m) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }

    /// Offset of byte `b` in `hay[from..<to]`, via `memchr`.
    static func find(byte b: UInt8, in hay: [UInt8], from: Int, to: Int) -> Int? {
        guard to > from else { return nil }
        return hay.withUnsafeBufferPointer { h -> Int? in
            guard let base = h.baseAddress, let p = memchr(base + from, Int32(b), to - from) else { return nil }
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Whether the byte pair `a b` occurs in `s`.
    static func contains(_ a: UInt8, _ b: UInt8, in s: ArraySlice<UInt8>) -> Bool {
        s.withUnsafeBufferPointer { p in
            guard p.count >= 2 else { return false }
            for i in 0..<(p.count - 1) where p[i] == a && p[i + 1] == b { return true }
            return false
        }
    }

    /// Trimmed (spaces, tabs, CR, LF) bounds of `s[from..<to]`.
    static func trim(_ s: [UInt8], _ from: Int, _ to: Int) -> (Int, Int) {
        var a = from, b = to
        while a < b, isWhite(s[a]) { a += 1 }
        while b > a, isWhite(s[b - 1]) { b -= 1 }
        return (a, b)
    }

    static func trim(_ s: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> (Int, Int) {
        var a = from, b = to
        while a < b, isWhite(s[a]) { a += 1 }
        while b > a, isWhite(s[b - 1]) { b -= 1 }
        return (a, b)
    }

    /// The bytes as a String with ASCII letters lower-cased, made in place (no intermediate array).
    static func lowerString(_ s: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: s.count) { out in
            for i in 0..<s.count { out[i] = lower(s[i]) }
            return s.count
        }
    }

    /// `s` equals the lower-case ASCII literal `lit` with ASCII letters folded.
    static func equalsLower<C: Collection<UInt8>>(_ s: C, _ lit: StaticString) -> Bool {
        guard s.count == lit.utf8CodeUnitCount else { return false }
        let l = lit.utf8Start
        var k = 0
        for b in s {
            if lower(b) != l[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether every byte is ASCII, 8 at a time.
    static func isASCII(_ s: ArraySlice<UInt8>) -> Bool {
        s.withUnsafeBufferPointer { isASCII($0) }
    }
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = p.count
        var i = 0
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n { if p[i] >= 0x80 { return false }; i += 1 }
        return true
    }

    static func asciiLower(_ s: some Sequence<UInt8>) -> String {
        String(decoding: s.map(lower), as: UTF8.self)
    }
}

extension StringProtocol {
    /// Drops the given ASCII characters at both ends; a byte loop, unlike Foundation's
    /// `trimmingCharacters(in:)` which costs a CharacterSet and an NSString per call.
    func trimming(_ chars: StaticString) -> String {
        let set = UnsafeBufferPointer(start: chars.utf8Start, count: chars.utf8CodeUnitCount)
        let u = Array(utf8)
        var a = 0, e = u.count
        while a < e, set.contains(u[a]) { a += 1 }
        while e > a, set.contains(u[e - 1]) { e -= 1 }
        return String(decoding: u[a..<e], as: UTF8.self)
    }
}

extension String {
    /// Equal when ASCII letters are folded (header field names are ASCII, RFC 5322): no String or NSString made.
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        // Native strings are contiguous: compare their bytes without index arithmetic.
        if let same = a.withContiguousStorageIfAvailable({ x in
            b.withContiguousStorageIfAvailable { y -> Bool in
                for i in 0..<x.count where x[i] != y[i] {
                    let l = x[i] | 0x20
                    guard l == y[i] | 0x20, l >= 97, l <= 122 else { return false }
                }
                return true
            }
        }), let same { return same }
        var i = a.startIndex, j = b.startIndex
        while i != a.endIndex {
            let x = a[i], y = b[j]
            if x != y {
                let l = x | 0x20
                guard l == y | 0x20, l >= 97, l <= 122 else { return false }
            }
            a.formIndex(after: &i); b.formIndex(after: &j)
        }
        return true
    }

    /// Lower-cased ASCII letters only (header names, tokens); avoids locale-aware lowercasing.
    var asciiLowercased: String {
        var u = Array(utf8)
        for i in u.indices where u[i] >= 65 && u[i] <= 90 { u[i] |= 0x20 }
        return String(decoding: u, as: UTF8.self)
    }

    /// Trims spaces, tabs, CR, LF and no-break spaces.
    var trimmedSpaces: String {
        trimmingScalars { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{A0}" }
    }
}
