import Foundation

/// A CSV file as French offices export it: UTF-8 (with or without BOM) or Windows-1252, `,` or `;`,
/// RFC 4180 quoting. Rows keep their line number for error reports.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public let line: Int
        public let values: [String: String]
        public subscript(_ column: String) -> String { values[column] ?? "" }
    }

    public let file: String
    public let header: [String]
    public let rows: [Row]

    public init(file: String, data: Data) throws {
        self.file = file
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let text: String
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
        } else if let cp1252 = String(bytes: bytes, encoding: .windowsCP1252) {
            text = cp1252
        } else {
            throw ImportError(file: file, line: 0, message: "encodage illisible (ni UTF-8 ni Windows-1252)")
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let delimiter: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        let records = CSVTable.split(text, delimiter: delimiter)
        guard let head = records.first else { throw ImportError(file: file, line: 1, message: "fichier vide") }
        header = head.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        rows = records.dropFirst().compactMap { rec in
            if rec.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }
            var values: [String: String] = [:]
            for (i, name) in head.fields.enumerated() {
                let key = name.trimmingCharacters(in: .whitespaces).lowercased()
                values[key] = i < rec.fields.count ? rec.fields[i].trimmingCharacters(in: .whitespaces) : ""
            }
            if rec.fields.count > head.fields.count,
               rec.fields[head.fields.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                values["\u{0}extra"] = "1"
            }
            return Row(line: rec.line, values: values)
        }
    }

    public func require(_ columns: [String]) throws {
        for c in columns where !header.contains(c) {
            throw ImportError(file: file, line: 1, message: "colonne « \(c) » absente (en-tête : \(header.joined(separator: ", ")))")
        }
    }

    private struct Record { var line: Int; var fields: [String] }

    private static func split(_ text: String, delimiter: Character) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var chars = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return chars.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: inQuotes = true
            case delimiter: fields.append(field); field = ""
            case "\n", "\r\n", "\r":
                fields.append(field); field = ""
                records.append(Record(line: recordLine, fields: fields)); fields = []
                line += 1; recordLine = line
            default: field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append(Record(line: recordLine, fields: fields)) }
        return records
    }
}

public struct ImportError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { "\(file), ligne \(line) : \(message)" }
}
