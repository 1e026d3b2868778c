import Foundation
import GRDB

/// The town's records and the daemon's mail bookkeeping, in one SQLite file (WAL, foreign keys on).
public final class Store: Sendable {
    public let pool: DatabasePool

    /// `busyTimeout`: how long a write waits for another program's lock before failing (tests shorten it).
    public init(path: String, busyTimeout: TimeInterval = 10) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        // Statement journals in memory: an insert that fires the day-count triggers needs one, and on disk that is
        // a temp-file write per row (an import of a million reservations: 1.2 million writes, 4 times slower).
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        pool = try DatabasePool(path: path, configuration: config)
        try Schema.migrator.migrate(pool)
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T { try pool.read(body) }
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try pool.write(body) }
}
