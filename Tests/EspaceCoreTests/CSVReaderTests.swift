import EspaceCore
import Foundation
import XCTest

/// The streaming CSV reader: values, line numbers and encoding must not depend on where chunks end.
final class CSVReaderTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/csv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func file(_ bytes: [UInt8]) throws -> String {
        let path = dir + "/t.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func readAll(_ r: CSVReader) throws -> [CSVReader.Record] {
        var out: [CSVReader.Record] = []
        while let rec = try r.next() { out.append(rec) }
        return out
    }

    /// Quoted values holding the separator, doubled quotes and a CRLF, accented names and a blank line, read
    /// with chunk sizes that put a chunk end at every position of a row.
    func testRecordsAreTheSameWhereverChunksEnd() throws {
        var text = "\u{FEFF}id;name;note\r\n"
        var expected: [(line: Int, fields: [String])] = []
        var line = 2
        for i in 0..<300 {
            let name = i % 3 == 0 ? "Éloïse Müller" : "Noé"
            text += "\(i); \(name) ;\"dit \"\"oui\"\" ; puis\r\nnon\"\r\n"
            expected.append((line, ["\(i)", name, "dit \"oui\" ; puis\r\nnon"]))
            line += 2
            if i % 50 == 0 { text += ";;\r\n"; line += 1 }  // blank record: skipped, still counted as a line
        }
        let path = try file(Array(text.utf8))
        for chunk in [1, 5, 16, 17, 31, 64, 1000, 1 << 20] {
            let r = try CSVReader(file: "t.csv", path: path, chunkSize: chunk)
            XCTAssertEqual(r.header, ["id", "name", "note"], "chunk \(chunk)")
            let records = try readAll(r)
            XCTAssertEqual(records.count, expected.count, "chunk \(chunk)")
            for (rec, exp) in zip(records, expected) where rec.line != exp.line || rec.fields != exp.fields {
                XCTFail("chunk \(chunk): line \(rec.line) \(rec.fields), expected line \(exp.line) \(exp.fields)")
                break
            }
            XCTAssertEqual(r.bytesRead, r.totalBytes, "chunk \(chunk)")
        }
    }

    /// Excel's Windows-1252 with its only accent far past the first chunk: the whole file is read as Windows-1252.
    func testEncodingIsDecidedByTheWholeFile() throws {
        var bytes = Array("family_id,family_name\n".utf8)
        for i in 0..<2000 { bytes += Array("\(i),Martin\n".utf8) }
        bytes += Array("2000,Lef".utf8) + [0xE8] + Array("vre ".utf8) + [0x80, 0x0A]  // è, €
        let r = try CSVReader(file: "families.csv", path: try file(bytes), chunkSize: 64)
        let last = try XCTUnwrap(try readAll(r).last)
        XCTAssertEqual(last.fields, ["2000", "Lefèvre €"])
        XCTAssertEqual(last.line, 2002)
    }

    func testUTF8SplitAcrossChunksStaysUTF8() throws {
        let text = "id,name\n" + (0..<500).map { "\($0),Chloé Bénédicte Maëlle\n" }.joined()
        let r = try CSVReader(file: "t.csv", path: try file(Array(text.utf8)), chunkSize: 7)
        let records = try readAll(r)
        XCTAssertEqual(records.count, 500)
        XCTAssertTrue(records.allSatisfy { $0.fields[1] == "Chloé Bénédicte Maëlle" })
    }

    /// A byte that neither UTF-8 nor Windows-1252 defines (an old DOS code page): refused with its line.
    func testUndefinedWindows1252ByteIsRefused() throws {
        let bytes = Array("id,name\n1,Martin\n2,Fran".utf8) + [0x81] + Array("ois\n".utf8)
        let r = try CSVReader(file: "t.csv", path: try file(bytes))
        XCTAssertThrowsError(try readAll(r)) { error in
            XCTAssertEqual((error as? ImportError)?.line, 3)
            XCTAssertTrue("\(error)".contains("encodage illisible"), "\(error)")
        }
    }

    func testMissingValuesAreEmptyAndExtraValuesAreFlagged() throws {
        let r = try CSVReader(file: "t.csv", data: Data("a;b;c\n1;2\n1;2;3;;\n1;2;3;4\n".utf8))
        let records = try readAll(r)
        XCTAssertEqual(records.map(\.fields), [["1", "2", ""], ["1", "2", "3", "", ""], ["1", "2", "3", "4"]])
        XCTAssertEqual(records.map(\.hasExtraValues), [false, false, true])
        XCTAssertEqual(r.index(of: "c"), 2)
        XCTAssertThrowsError(try r.columns(["a", "z"])) { XCTAssertTrue("\($0)".contains("colonne « z » absente"), "\($0)") }
    }

    func testEmptyFileIsReported() throws {
        XCTAssertThrowsError(try CSVReader(file: "t.csv", data: Data())) { XCTAssertTrue("\($0)".contains("fichier vide")) }
        XCTAssertThrowsError(try CSVReader(file: "t.csv", path: try file([0xEF, 0xBB, 0xBF]))) {
            XCTAssertTrue("\($0)".contains("fichier vide"))
        }
    }
}
