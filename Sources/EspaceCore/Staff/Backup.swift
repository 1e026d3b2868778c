import Foundation
import GRDB

/// An online backup while the daemon runs: SQLite's backup API (a consistent copy, writers are not stopped) plus
/// the raw messages and certificates. Written into a temporary folder beside `dir`, renamed at the end, so a
/// backup folder is always complete.
public enum Backup {
    public static let storeName = "espace.sqlite"
    public static let rawName = "messages"
    public static let attachmentsName = "attachments"

    public struct Summary: Sendable { public var storeBytes: Int64; public var rawFiles: Int; public var attachmentFiles: Int }

    public static func run(store: Store, rawDir: String, attachmentsDir: String, to dir: String) throws -> Summary {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: dir).standardizedFileURL
        guard !fm.fileExists(atPath: target.path) else {
            throw BackupError(description: "\(target.path) existe déjà : choisissez un nouveau dossier (une sauvegarde n’en écrase jamais une autre)")
        }
        return try FolderInPlace.write(to: dir, replacing: false) { tmp in
            let dbPath = tmp.appendingPathComponent(storeName).path
            let copy = try DatabaseQueue(path: dbPath)
            try store.pool.backup(to: copy)
            try copy.close()
            var summary = Summary(storeBytes: 0, rawFiles: 0, attachmentFiles: 0)
            summary.storeBytes = (try fm.attributesOfItem(atPath: dbPath)[.size] as? NSNumber)?.int64Value ?? 0
            summary.rawFiles = try copyTree(rawDir, to: tmp.appendingPathComponent(rawName))
            summary.attachmentFiles = try copyTree(attachmentsDir, to: tmp.appendingPathComponent(attachmentsName))
            return summary
        }
    }

    /// Copies a folder (absent: an empty one); returns the number of files.
    static func copyTree(_ src: String, to dst: URL) throws -> Int {
        let fm = FileManager.default
        guard fm.fileExists(atPath: src) else {
            try fm.createDirectory(at: dst, withIntermediateDirectories: true)
            return 0
        }
        try fm.copyItem(atPath: src, toPath: dst.path)
        var n = 0
        if let e = fm.enumerator(atPath: dst.path) {
            for case let p as String in e {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: dst.appendingPathComponent(p).path, isDirectory: &isDir), !isDir.boolValue { n += 1 }
            }
        }
        return n
    }
}

public struct BackupError: Error, CustomStringConvertible { public let description: String }
