import Foundation

/// Writes CSV the way the importer reads it back: RFC 4180 quoting, CRLF lines, and either UTF-8 with a BOM and
/// `,` (LibreOffice, management software) or Windows-1252 with `;` (French Excel opens it with a double click).
public struct CSVWriter: Sendable {
    public enum Flavor: Sendable { case utf8, excel }
    public let flavor: Flavor
    public init(_ flavor: Flavor) { self.flavor = flavor }

    var separator: Character { flavor == .excel ? ";" : "," }

    /// One file: header then rows, encoded.
    public func encode(header: [String], rows: [[String]]) throws -> Data {
        var text = line(header)
        for r in rows { text += line(r) }
        switch flavor {
        case .utf8: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .excel: return try CSVWriter.windows1252(text)
        }
    }

    func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: String(separator)) + "\r\n"
    }

    func quote(_ f: String) -> String {
        guard f.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else { return f }
        return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public struct Unencodable: Error, CustomStringConvertible {
        public let character: Character
        public var description: String { "caractère « \(character) » impossible en Windows-1252" }
    }

    /// Windows-1252 bytes. French text fits, except the narrow no-break space (written as a no-break space);
    /// anything else outside the code page is an error rather than a silent `?` in a family's name.
    static func windows1252(_ text: String) throws -> Data {
        var reverse: [UInt32: UInt8] = [:]
        for (i, u) in CSVReader.cp1252High.enumerated() where u != 0 { reverse[u] = UInt8(0x80 + i) }
        var out = Data()
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value == 0x202F ? 0xA0 : scalar.value
            if v < 0x80 || (v >= 0xA0 && v <= 0xFF) { out.append(UInt8(v)) }
            else if let b = reverse[v] { out.append(b) }
            else { throw Unencodable(character: Character(scalar)) }
        }
        return out
    }
}
