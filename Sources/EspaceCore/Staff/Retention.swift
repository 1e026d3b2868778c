import Foundation
import GRDB
import Parsers

/// Keeps health data and secrets no longer than needed (`rules.retention_days`): medical certificates of absences
/// that ended before the cut-off, raw messages received before it, and activation-key hashes once a key is spent
/// or long expired. The records themselves (an absence was justified, a message was handled) stay.
public enum Retention {
    public struct Report: Sendable, CustomStringConvertible {
        public var certificates = 0
        public var rawMessages = 0
        public var keys = 0
        public var description: String {
            "\(certificates) certificat(s), \(rawMessages) message(s) brut(s), \(keys) clé(s) d’activation effacé(s)"
        }
    }

    public static func purge(store: Store, settings: Settings, now: Date) throws -> Report {
        var report = Report()
        let today = ParisTime(now).date
        let cutoffDay = today.adding(days: -settings.rules.retentionDays)
        let cutoff = now.addingTimeInterval(-Double(settings.rules.retentionDays) * 86_400)
        let fm = FileManager.default
        try store.write { db in
            let old = try Row.fetchAll(db, sql: """
                SELECT id, certificate_path FROM absence
                WHERE certificate_path IS NOT NULL AND certificate_purged_at IS NULL AND last_day < ?
                """, arguments: [cutoffDay.iso])
            for row in old {
                let path: String = row["certificate_path"]
                if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
                try db.execute(sql: "UPDATE absence SET certificate_purged_at = ? WHERE id = ?", arguments: [now, row["id"] as Int64])
                report.certificates += 1
            }
            let raws = try Row.fetchAll(db, sql: "SELECT id, raw_path FROM message WHERE raw_path != '' AND received_at < ?",
                                       arguments: [cutoff])
            var archives = Set<String>()
            for row in raws {
                let path: String = row["raw_path"]
                if let hash = path.lastIndex(of: "#") {
                    archives.insert(String(path[..<hash])) // a day's archive file (the daemon's RawArchive)
                } else if fm.fileExists(atPath: path) {
                    try fm.removeItem(atPath: path)
                }
                try db.execute(sql: "UPDATE message SET raw_path = '' WHERE id = ?", arguments: [row["id"] as Int64])
                report.rawMessages += 1
            }
            for file in archives {
                // Deleted once no message points into it any more (a day's mails all pass the cutoff within a day).
                let left = try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE substr(raw_path, 1, ?) = ?",
                                            arguments: [file.unicodeScalars.count + 1, file + "#"]) ?? 0
                if left == 0, fm.fileExists(atPath: file) { try fm.removeItem(atPath: file) }
            }
            try db.execute(sql: """
                UPDATE guardian SET key_hash = NULL, key_salt = NULL
                WHERE key_hash IS NOT NULL AND (key_spent_at IS NOT NULL OR key_expires_on < ?)
                """, arguments: [cutoffDay.iso])
            report.keys = db.changesCount
            report.certificates += try orphanCertificates(settings: settings, db: db, now: now)
            if report.certificates + report.rawMessages + report.keys > 0 {
                try AuditRecord.log(db, at: now, message: nil, family: nil, actor: "daemon", action: "retention",
                                    detail: report.description)
            }
        }
        return report
    }
}

extension Retention {
    /// Certificate files nothing refers to any more (a held absence answered NON or expired, a file stored in a
    /// transaction that was rolled back): deleted once a day old, so that no health document outlives its purpose.
    static func orphanCertificates(settings: Settings, db: Database, now: Date) throws -> Int {
        let root = URL(fileURLWithPath: settings.attachmentsDir)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey]) else { return 0 }
        var referenced = Set(try String.fetchAll(db, sql: "SELECT certificate_path FROM absence WHERE certificate_path IS NOT NULL"))
        let waiting = try String.fetchAll(db, sql: "SELECT payload FROM pending_request WHERE state = 'waiting'")
        var removed = 0
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
            guard values?.isRegularFile == true, let modified = values?.contentModificationDate,
                  now.timeIntervalSince(modified) > 86_400 else { continue }
            let path = url.path
            if referenced.contains(path) || waiting.contains(where: { $0.contains(path) || $0.contains(url.lastPathComponent) }) { continue }
            try FileManager.default.removeItem(at: url)
            referenced.insert(path)
            removed += 1
        }
        return removed
    }
}
