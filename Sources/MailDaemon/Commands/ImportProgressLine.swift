import EspaceCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress of a long import on stderr (rows/s, share done, time left). On a terminal the line is rewritten in place
/// once the import has run a second; elsewhere (a log) a line every 10 s, and only for files over 50 MB. Small
/// imports, pipes and tests see nothing.
final class ImportProgressLine {
    private let terminal = isatty(STDERR_FILENO) == 1
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastShown = 0.0
    private var file = ""
    private var fileStart = 0.0
    private var shown = false

    private func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    func update(_ p: ImportProgress) {
        let t = elapsed()
        if p.file != file { file = p.file; fileStart = t }
        guard terminal || p.bytesTotal >= 50_000_000 else { return }
        guard t >= 1, t - lastShown >= (terminal ? 0.5 : 10) else { return }
        lastShown = t
        let rate = Double(p.rows) / max(t - fileStart, 0.001)
        let share = p.bytesTotal > 0 ? Double(p.bytesDone) / Double(p.bytesTotal) : 0
        let left = share > 0 ? t * (1 - share) / share : 0
        let text = "Import : \(p.file), \(ImportProgressLine.grouped(p.rows)) lignes (\(ImportProgressLine.grouped(Int(rate))) lignes/s), "
            + "\(Int(share * 100)) %, reste environ \(Int(left.rounded())) s"
        FileHandle.standardError.write(Data(((terminal ? "\r\u{1B}[K" : "") + text + (terminal ? "" : "\n")).utf8))
        shown = true
    }

    /// Clears the in-place line before the summary is printed.
    func finish() {
        if terminal && shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }

    /// 1234567 → "1 234 567" (French grouping, narrow no-break space).
    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n)), out = ""
        while digits.count > 3 { out = "\u{202F}" + String(digits.suffix(3)) + out; digits.removeLast(3) }
        return String(digits) + out
    }
}
