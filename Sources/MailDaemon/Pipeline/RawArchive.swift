import Crypto
import Foundation

/// Keeps every raw message as received, named by its SHA-256, before anything else happens to it.
struct RawArchive {
    let directory: String

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    func save(_ bytes: [UInt8], receivedAt: Date) throws -> String {
        let hex = RawArchive.sha256Hex(bytes)
        let stamp = ISO8601DateFormatter.string(from: receivedAt, timeZone: TimeZone(secondsFromGMT: 0)!,
                                                formatOptions: [.withYear, .withMonth, .withDashSeparatorInDate])
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
