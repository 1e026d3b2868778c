import Crypto
import Foundation

/// Activation keys are compared in a canonical form and stored only as a salted SHA-256.
public enum ActivationKey {
    /// Upper case, letters and digits only: `x7pa 4krt-9mwc` → `X7PA4KRT9MWC`.
    public static func canonical(_ key: String) -> String {
        String(key.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
            .map(Character.init))
    }

    public static func newSalt() -> Data {
        var g = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    public static func hash(_ key: String, salt: Data) -> Data {
        var h = SHA256()
        h.update(data: salt)
        h.update(data: Data(canonical(key).utf8))
        return Data(h.finalize())
    }

    public static func matches(_ key: String, salt: Data, hash expected: Data) -> Bool {
        let got = hash(key, salt: salt)
        // Constant-time comparison: no early exit on the first differing byte.
        guard got.count == expected.count else { return false }
        var diff: UInt8 = 0
        for (a, b) in zip(got, expected) { diff |= a ^ b }
        return diff == 0
    }
}

/// Random tokens for confirmations and generated file names, from an alphabet without look-alike characters.
public enum RandomToken {
    public static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// Five bits of the system's cryptographic generator per character (the alphabet has exactly 32 letters, so
    /// no character is likelier than another), one draw of 64 bits for 12 characters: a draw per character was
    /// a system call per character, ten per reply.
    public static func make(length: Int = 8) -> String {
        precondition(alphabet.count == 32)
        var g = SystemRandomNumberGenerator()
        var bits: UInt64 = 0, left = 0
        var out: [Character] = []
        out.reserveCapacity(length)
        for _ in 0..<length {
            if left < 5 { bits = g.next(); left = 64 }
            out.append(alphabet[Int(bits & 31)])
            bits >>= 5; left -= 5
        }
        return String(out)
    }
}
