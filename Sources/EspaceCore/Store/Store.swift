import Foundation
import GRDB

/// The town's records and the daemon's mail bookkeeping, in one SQLite file (WAL, foreign keys on).
///
/// `synchronous = NORMAL`: a commit is written to the WAL but not fsynced, so it survives the death of the process
/// (kill -9, crash) at once and a power cut only after the next `makeDurable()` or checkpoint. The daemon calls
/// `makeDurable()` before anything leaves the machine on the strength of a commit (a mailbox move, an SMTP send).
public final class Store: Sendable {
    public let pool: DatabasePool
    public let path: String

    /// Upper bound of the read mapping (`PRAGMA mmap_size`); a store is far smaller.
    static let mmapBytes = 1 << 30
    /// WAL pages between automatic checkpoints (SQLite's default is 1,000).
    static let walCheckpointPages = 8192

    /// `busyTimeout`: how long a write waits for another program's lock before failing (tests shorten it).
    /// `mappedReads`: read through a mapping (the daemon, whose connections read the same hot pages after each
    /// other's commits). A bulk job that reads the whole file once (a re-import) passes false: every mapped page it
    /// touches stays in its resident memory, 221 MiB for a 10,000-family town against 52 MiB for a first import.
    public init(path: String, busyTimeout: TimeInterval = 10, mappedReads: Bool = true) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        // Statement journals in memory: an insert that fires the day-count triggers needs one, and on disk that is
        // a temp-file write per row (an import of a million reservations: 1.2 million writes, 4 times slower).
        // Commits without fsync (WAL, synchronous NORMAL): the daemon calls makeDurable() where it matters.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Reads through a mapping: every read transaction after another connection's commit starts with a cold
            // page cache, and refilling it with pread(2) was an eighth of the daemon's main thread. SQLite still
            // writes with write(2); only reading is mapped.
            try db.execute(sql: "PRAGMA mmap_size = \(mappedReads ? Store.mmapBytes : 0)")
            // Checkpoints every 32 MiB of WAL rather than 4: each mail's commit rewrites the same few hot pages
            // (the tables' last leaves, their indexes), and a checkpoint copies each page once however often it was
            // rewritten, so rarer checkpoints copy far fewer pages (they were a sixth of the store's commit work).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Store.walCheckpointPages)")
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: config)
        try Schema.migrator.migrate(pool)
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T { try pool.read(body) }
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try pool.write(body) }

    /// A read on the writer's connection outside any transaction: it sees every commit, with the writer's warm
    /// page cache and no reader snapshot to set up (the daemon's ledger lookup before each mail's transaction).
    public func readOnWriter<T>(_ body: (Database) throws -> T) throws -> T { try pool.writeWithoutTransaction(body) }

    /// Fails when the store cannot be written (read-only file or directory, disk full, locked): a write that
    /// changes nothing.
    public func checkWritable() throws {
        try write { db in try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS preflight(x); DROP TABLE preflight") }
    }

    /// Flushes every commit made so far to disk (fsync of the WAL; a checkpoint fsyncs it first, so frames already
    /// copied into the main file are on disk too). One fsync for any number of commits.
    public func makeDurable() throws {
        let fd = open(path + "-wal", O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { return } // no WAL: nothing committed since the last checkpoint reset
            throw StoreDurabilityError(path: path + "-wal", errno: errno)
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreDurabilityError(path: path + "-wal", errno: errno) }
    }
}

public struct StoreDurabilityError: Error, CustomStringConvertible {
    public let path: String
    public let errno: Int32
    public var description: String { "fsync \(path): \(String(cString: strerror(errno)))" }
}
