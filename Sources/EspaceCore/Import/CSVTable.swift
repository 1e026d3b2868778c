import Foundation

/// A small CSV file read whole (PayFiP returns), rows by column name. Same reading rules as `CSVReader`.
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
        let reader = try CSVReader(file: file, data: data)
        header = reader.header
        var rows: [Row] = []
        while let rec = try reader.next() {
            var values: [String: String] = [:]
            for (i, name) in header.enumerated() where values[name] == nil { values[name] = rec[i] }
            if rec.hasExtraValues { values["\u{0}extra"] = "1" }
            rows.append(Row(line: rec.line, values: values))
        }
        self.rows = rows
    }

    public func require(_ columns: [String]) throws {
        for c in columns where !header.contains(c) {
            throw ImportError(file: file, line: 1, message: "colonne « \(c) » absente (en-tête : \(header.joined(separator: ", ")))")
        }
    }
}

public struct ImportError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { "\(file), ligne \(line) : \(message)" }
}
