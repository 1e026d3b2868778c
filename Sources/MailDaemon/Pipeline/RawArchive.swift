import Crypto
import Foundation
import Parsers

/// Keeps every raw message as received, named by its SHA-256, before anything else happens to it.
struct RawArchive {
    let directory: String

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in SHA256.hash(data: bytes) { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    func save(_ bytes: [UInt8], receivedAt: Date) throws -> String {
        let hex = RawArchive.sha256Hex(bytes)
        let day = ParisTime(receivedAt).date
        let stamp = String(day.iso.prefix(7))
        let dir = (directory as NSString).appendingPathComponent(stamp)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let path = (dir as NSString).appendingPathComponent(hex + ".eml")
        if !FileManager.default.fileExists(atPath: path) {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            chmod(path, 0o600)
        }
        return path
    }
}
