import Foundation
import GRDB
import Parsers

/// The town's open days per activity kind, read once per calendar version instead of once per mail (a real town's
/// calendar is thousands of rows; the daemon reads it for every mail from a known family). Keyed by the store's id
/// and the version its triggers bump, so an import that changes the calendar is seen by the next mail.
final class OpenDaysCache: @unchecked Sendable {
    static let shared = OpenDaysCache()
    private let lock = NSLock()
    private var entries: [CalendarVersion: [ActivityKind: [CivilDate]]] = [:]
    /// Tests open many small stores in one process; a daemon has one.
    private static let maxEntries = 8

    func openDays(_ version: CalendarVersion, db: Database) throws -> [ActivityKind: [CivilDate]] {
        if version.version > 0 {
            lock.lock()
            let hit = entries[version]
            lock.unlock()
            if let hit { return hit }
        }
        let open = try OpenDaysCache.read(db)
        guard version.version > 0 else { return open }
        lock.lock()
        if entries.count >= OpenDaysCache.maxEntries { entries.removeAll() }
        entries[version] = open
        lock.unlock()
        return open
    }

    static func read(_ db: Database) throws -> [ActivityKind: [CivilDate]] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.kind, d.date FROM activity_day d JOIN activity a ON a.id = d.activity_id ORDER BY d.date
            """)
        var open: [ActivityKind: [CivilDate]] = [:]
        for r in rows {
            if let k = ActivityKind(rawValue: r["kind"]), let d = CivilDate(iso: r["date"]) { open[k, default: []].append(d) }
        }
        for k in open.keys { open[k] = Array(Set(open[k]!)).sorted() }
        return open
    }
}
