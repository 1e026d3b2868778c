import Foundation
import XCTest
@testable import Parsers

/// Hostile inputs, generated here rather than committed. Each must return quickly with a defect.
final class LimitsTests: XCTestCase {
    func time(_ body: () -> Void) -> Double {
        let start = Date()
        body()
        return Date().timeIntervalSince(start)
    }

    func testTenThousandNestedMultiparts() {
        var s = "Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
        for i in 1...10_000 { s += "--b\(i - 1)\r\nContent-Type: multipart/mixed; boundary=b\(i)\r\n\r\n" }
        s += "--b10000\r\nContent-Type: text/plain\r\n\r\ndeep\r\n"
        var m: ParsedMessage?
        let t = time { m = MessageParser.parse(Array(s.utf8)) }
        XCTAssertTrue(m!.defectCodes.contains("limit-depth"))
        XCTAssertLessThan(t, 10)
    }

    func testOneMegabyteHeaderLine() {
        let s = "Subject: " + String(repeating: "a", count: 1 << 20) + "\r\nFrom: a@b.test\r\n\r\nbody"
        var m: ParsedMessage?
        let t = time { m = MessageParser.parse(Array(s.utf8)) }
        XCTAssertTrue(m!.defectCodes.contains("limit-header"))
        XCTAssertEqual(m!.textBody, "body")
        XCTAssertLessThanOrEqual(m!.subject.utf8.count, ParseLimits.default.maxHeaderBytes)
        XCTAssertLessThan(t, 10)
    }

    func testManyPartsAndMessageSize() {
        var s = "Content-Type: multipart/mixed; boundary=x\r\n\r\n"
        for _ in 0..<5_000 { s += "--x\r\nContent-Type: text/plain\r\n\r\np\r\n" }
        s += "--x--\r\n"
        let m = MessageParser.parse(Array(s.utf8))
        XCTAssertTrue(m.defectCodes.contains("limit-parts"))
        XCTAssertLessThanOrEqual(m.root.children.count, ParseLimits.default.maxParts)
        var small = ParseLimits()
        small.maxMessageBytes = 1000
        let cut = MessageParser.parse(Array(s.utf8), limits: small)
        XCTAssertTrue(cut.defectCodes.contains("limit-size"))
    }

    func testInvalidBase64AndHostileBytesNeverFail() {
        var gen = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let n = Int.random(in: 0..<2000, using: &gen)
            var bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &gen) }
            bytes = Array("Content-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8) + bytes
            _ = MessageParser.parse(bytes)
        }
        let m = parse("Content-Type: text/plain; charset=\"\u{1}\u{2}bogus\"\nContent-Transfer-Encoding: base64\n\n!!!!====\n")
        XCTAssertEqual(m.textBody, "")
        XCTAssertFalse(m.defects.isEmpty)
    }

    func testPathologicalPatternsStayLinear() {
        let words = "Subject: " + String(repeating: "=?", count: 100_000) + "\r\n\r\nx"
        let scripts = "Content-Type: text/html\r\n\r\n" + String(repeating: "<script>a", count: 50_000)
        let boundary = "Content-Type: multipart/mixed; boundary=\"" + String(repeating: "-", count: 10_000) + "\"\r\n\r\n"
            + String(repeating: "-", count: 200_000)
        let dashes = "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + String(repeating: "\r\n--", count: 300_000)
        let headerLines = "Subject: x\r\n\r\n" + String(repeating: "De : a@b\r\n", count: 100_000)
        for s in [words, scripts, boundary, dashes, headerLines] {
            let t = time { _ = MessageParser.parse(Array(s.utf8)) }
            XCTAssertLessThan(t, 5)
        }
    }

    func testFuzzCrashFixtures() throws {
        // Inputs found by the libFuzzer target (fuzz/), kept as fixtures.
        let dir = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/mime/fuzz", withExtension: nil))
        let files = (try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? []
        for f in files { _ = MessageParser.parse(try [UInt8](Data(contentsOf: f))) }
    }
}

final class FuzzRegressionTests: XCTestCase {
    func testHugeYearDoesNotOverflow() {
        XCTAssertNil(DateParser.parse("Sun, 21 Oct 99999999999 19:38:13 +1000"))
        XCTAssertNil(DateParser.parse("Mo5 Oct 2007919:38:13"))
    }
}

final class FlowedTextTests: XCTestCase {
    func testFormatFlowedIsJoined() {
        let m = parse("Content-Type: text/plain; charset=utf-8; format=flowed\n\nJe joins la \nphoto du certificat.\n\n-- \nMarion\n")
        XCTAssertEqual(m.textBody, "Je joins la photo du certificat.\n\n-- \nMarion\n")
        XCTAssertEqual(m.newText, "Je joins la photo du certificat.")
        XCTAssertEqual(FlowedText.unflow("abc \ndef", delSp: true), "abcdef")
    }
}

final class LyingCharsetTests: XCTestCase {
    func testMislabelledCharsets() {
        let utf8AsLatin1 = Charset.decode(Array("café".utf8)[...], charset: "iso-8859-1")
        XCTAssertEqual(utf8AsLatin1.text, "café")
        XCTAssertEqual(utf8AsLatin1.defect?.code, "charset-mismatch")
        let latin1AsUTF8 = Charset.decode([0x63, 0x61, 0x66, 0xE9, 0x20, 0x92][...], charset: "utf-8")
        XCTAssertEqual(latin1AsUTF8.text, "café \u{2019}")
        XCTAssertEqual(latin1AsUTF8.defect?.code, "charset-mismatch")
        XCTAssertNil(Charset.decode([0x63, 0xE9][...], charset: "iso-8859-1").defect)
    }
}

final class NestedMessageTests: XCTestCase {
    func testDeeplyNestedAttachedMessagesStayBounded() {
        var s = "Subject: deep\r\n\r\nbottom\r\n"
        for i in 0..<200 { s = "Subject: level \(i)\r\nContent-Type: message/rfc822\r\n\r\n" + s }
        let m = MessageParser.parse(Array(s.utf8))
        XCTAssertTrue(m.defectCodes.contains("limit-depth"))
        XCTAssertEqual(m.subject, "level 199")
    }
}
