import Foundation
import XCTest
@testable import Parsers

final class BodyTests: XCTestCase {
    func testBase64Tolerance() {
        let r = TransferEncoding.decodeBase64(Array("SGVs\r\nbG8g d29y\nbGQ=!!".utf8)[...])
        XCTAssertEqual(String(decoding: r.bytes, as: UTF8.self), "Hello world")
        XCTAssertEqual(r.garbage, 2)
        let m = parse("Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n%%%JVBERi0x\n")
        XCTAssertEqual(m.attachments.first?.data, Array("%PDF-1".utf8))
        XCTAssertTrue(m.defectCodes.contains("base64-garbage"))
    }

    func testQuotedPrintable() {
        let r = TransferEncoding.decodeQuotedPrintable(Array("caf=c3=a9 =\r\nsuite=3D =ZZ fin   \r\nx=20\r\n".utf8)[...])
        XCTAssertEqual(String(decoding: r.bytes, as: UTF8.self), "café suite= =ZZ fin\r\nx \r\n")
        XCTAssertEqual(r.broken, 1)
    }

    func testUnknownTransferEncodingIsBinaryWithDefect() {
        let m = parse("Content-Type: text/plain\nContent-Transfer-Encoding: x-uuencode\n\nhello")
        XCTAssertEqual(m.textBody, "hello")
        XCTAssertTrue(m.defectCodes.contains("unknown-transfer-encoding"))
    }

    func testCharsets() {
        XCTAssertEqual(Charset.decode([0x80, 0xE9][...], charset: "windows-1252").text, "€é")
        XCTAssertEqual(Charset.decode([0xA4][...], charset: "ISO-8859-15").text, "€")
        XCTAssertEqual(Charset.decode([0xA4][...], charset: "latin1").text, "¤")
        XCTAssertEqual(Charset.decode([0xB1][...], charset: "iso-8859-2").text, "ą")  // via iconv
        XCTAssertEqual(Charset.decode([0xC1, 0xC2][...], charset: "koi8-r").text, "аб")
        let bogus = Charset.decode([0x63, 0xE9][...], charset: "x-bogus\"; rm -rf")
        XCTAssertEqual(bogus.text, "cé")
        XCTAssertEqual(bogus.defect?.code, "charset-unknown")
        let lying = Charset.decode([0xC3, 0xA9, 0xE9, 0x20][...], charset: "utf-8")
        XCTAssertEqual(lying.text, "é\u{FFFD} ")
        XCTAssertEqual(lying.defect?.code, "charset-invalid-bytes")
        // Invalid sequence for iconv: replacement, not failure.
        let sjis = Charset.decode([0x82][...], charset: "shift_jis")
        XCTAssertEqual(sjis.text, "\u{FFFD}")
    }

    func testNestedMultipartPreambleEpilogueAndAttachments() {
        let m = parse("""
        Content-Type: multipart/mixed; boundary="outer"

        preamble text
        --outer
        Content-Type: multipart/alternative; boundary="outer-inner"

        --outer-inner
        Content-Type: text/plain; charset=utf-8

        Bonjour plain
        --outer-inner
        Content-Type: text/html

        <p>Bonjour html</p>
        --outer-inner--
        --outer
        Content-Type: application/pdf; name="a.pdf"
        Content-Disposition: attachment
        Content-Transfer-Encoding: base64

        JVBERi0x
        --outer--
        epilogue
        """)
        XCTAssertEqual(m.textBody, "Bonjour plain")
        XCTAssertEqual(m.htmlBody, "<p>Bonjour html</p>")
        XCTAssertEqual(m.attachments.map(\.filename), ["a.pdf"])
        XCTAssertEqual(FileKind(sniffing: m.attachments[0].data), .pdf)
        XCTAssertEqual(m.root.children.count, 2)
        XCTAssertTrue(m.defects.isEmpty, "\(m.defects)")
    }

    func testMissingFinalBoundaryAndBoundaryInsideParts() {
        let m = parse("""
        Content-Type: multipart/mixed; boundary=b1

        --b1
        Content-Type: multipart/alternative; boundary=b2

        --b2
        Content-Type: text/plain

        inner text, its closing boundary is missing
        --b1
        Content-Type: text/plain; name=note.txt

        second part
        """)
        XCTAssertEqual(m.textBody, "inner text, its closing boundary is missing")
        XCTAssertEqual(m.attachments.map(\.filename), ["note.txt"])
        XCTAssertEqual(Set(m.defectCodes), ["missing-final-boundary"])
    }

    func testDuplicateAndMissingContentType() {
        let dup = parse("Content-Type: text/plain\nContent-Type: text/html\n\nhello")
        XCTAssertEqual(dup.textBody, "hello")
        XCTAssertTrue(dup.defectCodes.contains("duplicate-content-type"))
        let none = parse("Subject: x\n\nplain body")
        XCTAssertEqual(none.root.contentType, "text/plain")
        XCTAssertEqual(none.textBody, "plain body")
        let broken = parse("Content-Type: multipart/mixed\n\nno boundary here")
        XCTAssertEqual(broken.textBody, "no boundary here")
        XCTAssertTrue(broken.defectCodes.contains("missing-boundary"))
    }

    func testAttachedMessageIsParsedAndIsTheForward() throws {
        let m = try XCTUnwrap(Bundle.module.url(forResource: "ios-attachment-in-html-branch", withExtension: "eml",
                                                subdirectory: "Fixtures/mime")).path
        let inner = try String(contentsOfFile: m, encoding: .utf8)
        let outer = parse("""
        From: Staff <staff@mairie.test>
        Subject: TR: Absence
        Content-Type: multipart/mixed; boundary=zz

        --zz
        Content-Type: text/plain

        Voir la pièce jointe.
        --zz
        Content-Type: message/rfc822

        \(inner)
        --zz--
        """)
        let part = try XCTUnwrap(outer.root.children.last?.message)
        XCTAssertEqual(part.subject, "Absence Timothée")
        let f = try XCTUnwrap(outer.forwarded)
        XCTAssertTrue(f.viaAttachedMessage)
        XCTAssertEqual(f.from?.address, "marion.chevalier@famille.test")
        XCTAssertEqual(f.text, "Bonjour,\nTimothée est malade.\nMarion")
        XCTAssertEqual(f.attachments.first?.filename, "certificat médical.heic")
        XCTAssertEqual(outer.newText, "Voir la pièce jointe.")
    }

    func testIOSAttachmentInsideHTMLBranch() throws {
        let m = try MimeFixture.parse("ios-attachment-in-html-branch")
        XCTAssertEqual(m.newText, "Bonjour,\nTimothée est malade.\nMarion")
        XCTAssertEqual(m.attachments.count, 1)
        let a = m.attachments[0]
        XCTAssertEqual(a.filename, "certificat médical.heic")
        XCTAssertEqual(a.contentType, "image/heic")
        XCTAssertTrue(a.isInline)
        XCTAssertEqual(FileKind(sniffing: a.data), .heic)
    }

    func testHTMLToText() throws {
        let m = try MimeFixture.parse("outlook-html-only")
        XCTAssertEqual(m.textBody, "Bonjour,\n\nMerci d\u{2019}annuler la cantine début avril :\n- lundi 5\n- mardi 6\nA & B <ok>\nAurélie")
        XCTAssertFalse(m.textBody.contains("alert"))
        XCTAssertEqual(HTMLText.convert("<blockquote>cité<br>deux</blockquote>après"), "> cité\n> deux\naprès")
        XCTAssertEqual(HTMLText.convert("<![if !supportLists]>1.<![endif]> un<br/>&#x41;&eacute;&unknown;"), "1. un\nAé&unknown;")
    }
}
