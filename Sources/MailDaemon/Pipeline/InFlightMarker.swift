import EspaceCore
import Foundation
import Parsers

/// The mail being handled, written beside the store (`espace.sqlite.handling`, one `pwrite`, no fsync) before its
/// transaction. A new mail's ledger row commits in that transaction, with its changes (one write per mail); if the
/// transaction never commits (kill, crash), this file is what is left of the attempt: at the next start it becomes
/// the `received` ledger row the retry rules count (`HandlingRetry`), so a mail that kills the daemon is still
/// filed as poison after `limits.handling_attempts` tries. Durable against a killed process; a power cut may lose
/// it, which costs one uncounted attempt.
final class InFlightMarker {
    struct Entry: Codable {
        let key: String, mailbox: String, uidvalidity: Int64, uid: Int64, rawPath: String
        let receivedAt: Date, from: String, subject: String

        /// What JSONEncoder writes for it (dates as seconds since 2001, its default), written by hand: one per mail,
        /// and JSONEncoder cost more than the rest of the marker.
        var json: [UInt8] {
            var o: [UInt8] = []
            o.reserveCapacity(256 + key.utf8.count + rawPath.utf8.count + subject.utf8.count)
            func field(_ name: String, _ raw: String) { o += ((o.isEmpty ? "{\"" : ",\"") + name + "\":" + raw).utf8 }
            func text(_ name: String, _ value: String) {
                field(name, "\"")
                for b in value.utf8 {
                    switch b {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): o.append(UInt8(ascii: "\\")); o.append(b)
                    case 0..<0x20:
                        o += "\\u00".utf8; o.append(HexDigits.lower[Int(b >> 4)]); o.append(HexDigits.lower[Int(b & 15)])
                    default: o.append(b)
                    }
                }
                o.append(UInt8(ascii: "\""))
            }
            text("key", key); text("mailbox", mailbox)
            field("uidvalidity", String(uidvalidity)); field("uid", String(uid))
            text("rawPath", rawPath); field("receivedAt", "\(receivedAt.timeIntervalSinceReferenceDate)")
            text("from", from); text("subject", subject)
            o.append(UInt8(ascii: "}"))
            return o
        }
    }

    let path: String
    private var fd: Int32 = -1

    init(path: String) { self.path = path }

    deinit { if fd >= 0 { close(fd) } }

    func begin(_ entry: Entry) throws {
        let bytes = entry.json + [UInt8(ascii: "\n")]
        if fd < 0 { fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600) }
        guard fd >= 0 else { throw RawArchiveError(path: path, errno: errno) }
        let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard n == bytes.count else { throw RawArchiveError(path: path, errno: n < 0 ? errno : ENOSPC) }
        _ = ftruncate(fd, off_t(bytes.count))
    }

    /// The attempt ended (committed, or failed and dealt with).
    func clear() { if fd >= 0 { _ = ftruncate(fd, 0) } }

    /// A mail whose transaction a dead process left uncommitted: its ledger row, `received`, as the retry rules expect.
    func recover(store: Store) throws {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty,
              let e = try? JSONDecoder().decode(Entry.self, from: data.prefix { $0 != UInt8(ascii: "\n") }) else { return }
        try store.write { db in
            guard try Ledger.find(key: e.key, db: db) == nil else { return } // it committed after all
            var m = MessageRecord(id: nil, messageKey: e.key, mailbox: e.mailbox, uidvalidity: e.uidvalidity, uid: e.uid,
                                  rawPath: e.rawPath, receivedAt: e.receivedAt, fromAddress: e.from, subject: e.subject,
                                  state: .received, outcome: "", familyId: nil, filedAt: nil, targetFolder: nil)
            try m.insert(db)
        }
        _ = truncate(path, 0)
    }
}
