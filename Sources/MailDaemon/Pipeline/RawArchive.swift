import Crypto
import EspaceCore
import Foundation
import Parsers

/// Keeps every raw message as received, before anything else happens to it: appended to one archive file per day
/// (`raw_dir/AAAA-MM/AAAA-MM-JJ.raw`), not one file per mail — creating a file per mail cost more than reading the
/// mail. Each entry is a line `=== <sha256> <length>` then the bytes, so the file reads without the store; the
/// ledger points at the bytes with `<file>#<offset>+<length>`. Append-only and single-writer (the daemon's lock): a
/// write torn by a crash is never referenced (the ledger row comes after it) and the next entry follows it.
/// `sync()` makes what was appended durable; the daemon calls it before mail leaves the inbox. Retention deletes
/// a day's file once no ledger row points into it.
final class RawArchive {
    let directory: String
    private var day: CivilDate?
    private var fd: Int32 = -1
    private var path = ""

    init(directory: String) { self.directory = directory }

    deinit { if fd >= 0 { close(fd) } }

    static func sha256Hex(_ bytes: [UInt8]) -> String { MessageIntake.hex(SHA256.hash(data: bytes)) }

    /// Appends the message; returns where it is (`<file>#<offset>+<length>`). `sha256`: the bytes' checksum when
    /// the caller already has it.
    func save(_ bytes: [UInt8], receivedAt: Date, sha256: String? = nil) throws -> String {
        try open(for: ParisTime(receivedAt).date)
        let header = Array("=== \(sha256 ?? RawArchive.sha256Hex(bytes)) \(bytes.count)\n".utf8)
        let start = lseek(fd, 0, SEEK_END)
        guard start >= 0 else { throw RawArchiveError(path: path, errno: errno) }
        var entry = header
        entry.append(contentsOf: bytes)
        entry.append(UInt8(ascii: "\n"))
        var written = 0
        while written < entry.count {
            let n = entry.withUnsafeBytes { write(fd, $0.baseAddress! + written, entry.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw RawArchiveError(path: path, errno: n < 0 ? errno : ENOSPC) }
            written += n
        }
        return "\(path)#\(Int(start) + header.count)+\(bytes.count)"
    }

    /// fsync of today's file (the store's WAL is synced by `Store.makeDurable`).
    func sync() throws {
        if fd >= 0, fsync(fd) != 0 { throw RawArchiveError(path: path, errno: errno) }
    }

    private func open(for date: CivilDate) throws {
        if fd >= 0 && day == date { return }
        if fd >= 0 { try sync(); close(fd); fd = -1 }
        let dir = (directory as NSString).appendingPathComponent(String(date.iso.prefix(7)))
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        path = (dir as NSString).appendingPathComponent(date.iso + ".raw")
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RawArchiveError(path: path, errno: errno) }
        day = date
    }

    /// The bytes an archive reference points at (`report`, tests).
    static func read(_ reference: String) -> [UInt8]? {
        guard let hash = reference.lastIndex(of: "#") else {
            return FileManager.default.contents(atPath: reference).map { [UInt8]($0) } // one file per mail (older)
        }
        let file = String(reference[..<hash])
        let span = reference[reference.index(after: hash)...].split(separator: "+")
        guard span.count == 2, let offset = UInt64(span[0]), let length = Int(span[1]),
              let h = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? h.close() }
        do {
            try h.seek(toOffset: offset)
            return try h.read(upToCount: length).map { [UInt8]($0) }
        } catch { return nil }
    }
}

/// A raw-archive write that failed (disk full, permissions) as the POSIX error `FailureCause` reads: transient, with
/// the path; the mail stays in the inbox.
func RawArchiveError(path: String, errno: Int32) -> NSError {
    NSError(domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [NSFilePathErrorKey: path])
}
