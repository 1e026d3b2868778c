import Foundation

/// A folder written whole or not at all: its files are written into a hidden folder beside the target, which is
/// renamed into place at the end (an earlier folder there moved aside first when `replacing`). Nothing half-written
/// is ever visible under the target's name; a failure removes the partial folder. Used by `export` and `backup`.
enum FolderInPlace {
    static func write<T>(to dir: String, replacing: Bool, _ fill: (URL) throws -> T) throws -> T {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: dir).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let tmp = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        try? fm.removeItem(at: tmp)
        try fm.createDirectory(at: tmp, withIntermediateDirectories: false)
        do {
            let result = try fill(tmp)
            if replacing, fm.fileExists(atPath: target.path) {
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
                try? fm.removeItem(at: old)
                try fm.moveItem(at: target, to: old)
                try fm.moveItem(at: tmp, to: target)
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: tmp, to: target)
            }
            return result
        } catch {
            try? fm.removeItem(at: tmp)
            throw error
        }
    }
}
