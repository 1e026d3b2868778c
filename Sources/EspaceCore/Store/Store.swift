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
        pool = try DatabasePool(path: path, configuration: config)
        try Schema.migrator.migrate(pool)
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T { try pool.read(body) }
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try pool.write(body) }
}
