import Foundation
import Parsers
#if canImport(Glibc)
import Glibc
#endif

/// Reads a CSV file as French offices export it (UTF-8 with or without BOM, else Windows-1252; `,` or `;`;
/// RFC 4180 quoting), one record at a time from 1 MiB chunks: memory stays flat whatever the file size.
/// The encoding is settled by a first pass over the bytes (the whole file must be valid UTF-8 to be read as such),
/// so a late accented byte cannot change how earlier rows were read.
public final class CSVReader {
    public struct Record: Sendable {
        /// Physical line where the record starts (1 = header), for error reports.
        public let line: Int
        /// Values in header order, trimmed; missing trailing values are "".
        public let fields: [String]
        /// More non-empty values than header columns.
        public let hasExtraValues: Bool
        public subscript(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
    }

    public let file: String
    /// Column names, trimmed and lower-cased.
    public private(set) var header: [String] = []
    /// Size of the input; `bytesRead` of it have been parsed so far (for progress reports).
    public let totalBytes: Int
    public var bytesRead: Int { consumedBefore + pos }

    private let handle: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8]
    private var pos = 0
    private var end: Int
    private var consumedBefore = 0
    private var eof: Bool
    private let isUTF8: Bool
    private let delimiter: UInt8
    private var line = 1
    private var skipLF = false
    private var field: [UInt8] = []
    private var columnIndex: [String: Int] = [:]

    /// Streams the file at `path` in chunks of `chunkSize` bytes (small ones only in tests); `file` is the name
    /// used in error messages.
    public init(file: String, path: String, chunkSize: Int = 1 << 20) throws {
        self.file = file
        guard let h = fopen(path, "rb") else { throw ImportError(file: file, line: 0, message: "fichier illisible") }
        handle = h
        var st = stat()
        totalBytes = fstat(fileno(h), &st) == 0 ? Int(st.st_size) : 0
        (isUTF8, delimiter) = try CSVReader.prescan(h, file: file, chunkSize: chunkSize)
        rewind(h)
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 4))
        end = 0; eof = false
        try start()
    }

    /// Reads bytes already in memory (small files such as PayFiP returns).
    public init(file: String, data: Data) throws {
        self.file = file
        handle = nil
        buffer = [UInt8](data)
        totalBytes = buffer.count
        end = buffer.count; eof = true
        var v = UTF8Validator(), header = FirstLine()
        isUTF8 = buffer.withUnsafeBufferPointer { header.feed($0); return v.feed($0) } && v.isComplete
        delimiter = header.delimiter
        try start()
    }

    deinit { if let handle { fclose(handle) } }

    private func start() throws {
        _ = fill(minimum: 3)
        if end - pos >= 3, buffer[pos] == 0xEF, buffer[pos + 1] == 0xBB, buffer[pos + 2] == 0xBF { pos += 3 }
        guard let head = try nextFields() else { throw ImportError(file: file, line: 1, message: "fichier vide") }
        header = head.fields.map { $0.lowercased() }
        for (i, name) in header.enumerated() where columnIndex[name] == nil { columnIndex[name] = i }
    }

    /// Position of a column in each record's `fields`, nil when the header lacks it.
    public func index(of column: String) -> Int? { columnIndex[column] }

    public func require(_ columns: [String]) throws {
        for c in columns where columnIndex[c] == nil {
            throw ImportError(file: file, line: 1, message: "colonne « \(c) » absente (en-tête : \(header.joined(separator: ", ")))")
        }
    }

    /// Positions of `columns` (all required), in that order.
    public func columns(_ columns: [String]) throws -> [Int] {
        try require(columns)
        return columns.map { columnIndex[$0]! }
    }

    /// The next record that has at least one non-blank value; nil at the end of the file.
    public func next() throws -> Record? {
        while let rec = try nextFields() {
            if rec.fields.allSatisfy(\.isEmpty) { continue }
            let extra = rec.fields.count > header.count && rec.fields[header.count...].contains { !$0.isEmpty }
            var fields = rec.fields
            if fields.count < header.count { fields += Array(repeating: "", count: header.count - fields.count) }
            return Record(line: rec.line, fields: fields, hasExtraValues: extra)
        }
        return nil
    }

    /// Makes at least `minimum` unread bytes available if the input has them; false at end of input.
    private func fill(minimum: Int = 1) -> Bool {
        if end - pos >= minimum { return true }
        guard let handle, !eof else { return end > pos }
        let keep = end - pos
        if keep > 0 { buffer.withUnsafeMutableBufferPointer { b in _ = memmove(b.baseAddress!, b.baseAddress! + pos, keep) } }
        consumedBefore += pos
        pos = 0; end = keep
        while end < buffer.count {
            let n = buffer.withUnsafeMutableBufferPointer { b in fread(b.baseAddress! + end, 1, b.count - end, handle) }
            if n == 0 { eof = true; break }
            end += n
            if end - pos >= minimum { break }
        }
        return end > pos
    }

    /// One CSV record as raw fields (quotes removed, values trimmed and decoded), or nil at the end of input.
    private func nextFields() throws -> (line: Int, fields: [String])? {
        var fields: [String] = []
        field.removeAll(keepingCapacity: true)
        var inQuotes = false, afterQuote = false, quotedCR = false
        let recordLine = line
        while true {
            if pos == end && !fill() { break }
            let c = buffer[pos]; pos += 1
            if skipLF {
                skipLF = false
                if c == 10 { continue }
            }
            if inQuotes {
                if c == UInt8(ascii: "\"") { inQuotes = false; afterQuote = true; continue }
                // A line break kept in a value still counts for the line numbers (CRLF once).
                if c == 13 || (c == 10 && !quotedCR) { line += 1 }
                quotedCR = c == 13
                field.append(c)
                continue
            }
            if afterQuote {
                afterQuote = false
                // `""` inside a quoted value is one quote.
                if c == UInt8(ascii: "\"") { field.append(c); inQuotes = true; continue }
            }
            switch c {
            case UInt8(ascii: "\"") where field.isEmpty: inQuotes = true
            case delimiter: fields.append(try finishField())
            case 10, 13:
                fields.append(try finishField())
                line += 1
                if c == 13 { skipLF = true }
                return (recordLine, fields)
            default: field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty || inQuotes {
            fields.append(try finishField())
            return (recordLine, fields)
        }
        return nil
    }

    private func finishField() throws -> String {
        defer { field.removeAll(keepingCapacity: true) }
        var lo = 0, hi = field.count
        while lo < hi, field[lo] == 32 || field[lo] == 9 { lo += 1 }
        while hi > lo, field[hi - 1] == 32 || field[hi - 1] == 9 { hi -= 1 }
        if lo == hi { return "" }
        let text: String = try field.withUnsafeBufferPointer { b in
            let bytes = UnsafeBufferPointer(rebasing: b[lo..<hi])
            if isUTF8 { return String(decoding: bytes, as: UTF8.self) }
            return try CSVReader.windows1252(bytes, file: file, line: line)
        }
        // Non-ASCII edges may be Unicode spaces (no-break space from Excel).
        if field[lo] >= 0x80 || field[hi - 1] >= 0x80 { return text.trimmedWhitespace }
        return text
    }

    /// One pass over the file: is all of it UTF-8, and which separator does its first line use.
    private static func prescan(_ h: UnsafeMutablePointer<FILE>, file: String, chunkSize: Int) throws -> (Bool, UInt8) {
        var v = UTF8Validator(), header = FirstLine(), valid = true
        var chunk = [UInt8](repeating: 0, count: max(chunkSize, 4))
        while valid || !header.done {
            let n = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress!, 1, $0.count, h) }
            if n == 0 { break }
            chunk.withUnsafeBufferPointer { b in
                let bytes = UnsafeBufferPointer(rebasing: b[0..<n])
                header.feed(bytes)
                if valid { valid = v.feed(bytes) }
            }
        }
        if ferror(h) != 0 { throw ImportError(file: file, line: 0, message: "fichier illisible") }
        return (valid && v.isComplete, header.delimiter)
    }

    /// Windows-1252 code points for 0x80...0x9F; 0 where the code page defines nothing.
    static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Bytes that are neither UTF-8 nor defined in Windows-1252 come from some other code page (an old DOS
    /// export): refuse rather than import wrong names.
    static func windows1252(_ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int) throws -> String {
        var s = String.UnicodeScalarView()
        for b in bytes {
            let u: UInt32 = b >= 0x80 && b < 0xA0 ? cp1252High[Int(b) - 0x80] : UInt32(b)
            guard u != 0 || b == 0, let scalar = Unicode.Scalar(u) else {
                throw ImportError(file: file, line: line, message: "encodage illisible (ni UTF-8 ni Windows-1252)")
            }
            s.append(scalar)
        }
        return String(s)
    }
}

/// The separator is whichever of `;` and `,` the header line has more of (a BOM holds neither).
struct FirstLine {
    private var semicolons = 0, commas = 0
    private(set) var done = false
    var delimiter: UInt8 { semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",") }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !done else { return }
        for b in bytes {
            switch b {
            case 10, 13: done = true; return
            case UInt8(ascii: ";"): semicolons += 1
            case UInt8(ascii: ","): commas += 1
            default: break
            }
        }
    }
}

/// Incremental UTF-8 well-formedness check (Unicode table 3-7: no overlongs, surrogates or values past U+10FFFF);
/// sequences may be split across chunks.
struct UTF8Validator {
    private var need = 0
    private var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
    var isComplete: Bool { need == 0 }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        while i < n {
            if need == 0 {
                // ASCII runs, eight bytes at a time.
                while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                if i == n { break }
                let b = base[i]; i += 1
                switch b {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; lo = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED: need = 2; hi = 0x9F
                case 0xF0: need = 3; lo = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; hi = 0x8F
                default: return false
                }
            } else {
                let b = base[i]; i += 1
                guard b >= lo && b <= hi else { return false }
                need -= 1; lo = 0x80; hi = 0xBF
            }
        }
        return true
    }
}
