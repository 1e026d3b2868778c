import Foundation
import GRDB
import Parsers

/// Loads the town's CSV exports into the store. All files are read as streams and applied in one transaction:
/// a single bad row rejects the whole import, reported with its file and line. The per-file work is `ImportRun`.
public struct Importer {
    public struct Summary: Sendable, CustomStringConvertible {
        public var counts: [(file: String, rows: Int)] = []
        /// Things the import kept differently from the file, for staff to know.
        public var notes: [String] = []
        public var description: String {
            (counts.map { "\($0.file) : \($0.rows) ligne(s)" } + notes.map { "Remarque : " + $0 }).joined(separator: "\n")
        }
    }

    public static let files = ["families.csv", "guardians.csv", "children.csv", "activities.csv",
                               "activity_days.csv", "reservations.csv", "invoices.csv"]

    let store: Store
    let now: Date
    let keyValidityDays: Int

    public init(store: Store, now: Date = Date(), keyValidityDays: Int = 365) {
        self.store = store; self.now = now; self.keyValidityDays = keyValidityDays
    }

    /// Imports whichever known files `dir` holds. `progress` is called every few thousand rows (long imports).
    public func importDirectory(_ dir: String, progress: ((ImportProgress) -> Void)? = nil) throws -> Summary {
        // Every file is opened (encoding settled, header read) before anything is written.
        var readers: [CSVReader] = []
        for name in Importer.files {
            let path = (dir as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            readers.append(try CSVReader(file: name, path: path))
        }
        guard !readers.isEmpty else {
            throw ImportError(file: dir, line: 0, message: "aucun des fichiers attendus (\(Importer.files.joined(separator: ", ")))")
        }
        let total = readers.reduce(0) { $0 + $1.totalBytes }
        return try store.write { db in
            var summary = Summary()
            var done = 0
            let run = ImportRun(db: db, now: now, keyValidityDays: keyValidityDays) { reader, rows in
                progress?(ImportProgress(file: reader.file, rows: rows, bytesDone: done + reader.bytesRead, bytesTotal: total))
            }
            for reader in readers {
                summary.counts.append((reader.file, try run.load(reader)))
                done += reader.totalBytes
            }
            summary.notes = run.notes
            try AuditRecord.log(db, at: now, message: nil, family: nil, actor: "import", action: "import",
                                detail: summary.counts.map { "\($0.file)=\($0.rows)" }.joined(separator: " "))
            return summary
        }
    }

    static func yesNo(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "oui", "o", "yes", "1", "true": return true
        case "non", "n", "no", "0", "false", "": return false
        default: return nil
        }
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !s.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }

    /// ISO `2027-03-08` or French `08/03/2027`.
    public static func date(_ s: String) -> CivilDate? {
        if let d = CivilDate(iso: s) { return d }
        let p = s.split(separator: "/")
        if p.count == 3, let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]), p[2].count == 4 {
            return CivilDate(year: y, month: m, day: d)
        }
        return nil
    }

    /// `86,10`, `86.10`, `1 234,5`, `86` → cents.
    public static func cents(_ s: String) -> Int? {
        let cleaned = s.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
            .replacingOccurrences(of: "\u{202F}", with: "").replacingOccurrences(of: "€", with: "")
            .replacingOccurrences(of: ",", with: ".")
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let units = Int(parts[0]), units >= 0 else { return nil }
        var frac = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), let f = Int(parts[1]) else { return nil }
            frac = parts[1].count == 1 ? f * 10 : f
        }
        return units * 100 + frac
    }
}

/// How far a running import is, for a progress line.
public struct ImportProgress: Sendable {
    /// The file being read and its rows so far.
    public let file: String
    public let rows: Int
    /// Bytes read over all files of the import, out of their total size.
    public let bytesDone: Int
    public let bytesTotal: Int
}
