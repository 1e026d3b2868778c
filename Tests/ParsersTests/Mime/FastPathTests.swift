import Foundation
import XCTest
@testable import Parsers

/// The byte-level fast paths of the parser (fields located, decoded when read; parameters, tags, addresses and
/// flowed text read on bytes) give what the String-level code gave.
final class FastPathTests: XCTestCase {
    func testHeaderFieldsAreDecodedWhenRead() {
        let m = parse("Received: from a\n\tby b\nsubject: =?utf-8?q?caf=C3=A9?= ok\nX-Latin: R\u{E9}sa\n"
                      + "To: =?utf-8?q?Dupont=2C_Jean?= <j@x.test>\nCONTENT-TYPE: Text/Plain; CHARSET=\"UTF-8\"\n\nbody")
        XCTAssertEqual(m.headers.count, 5)
        XCTAssertEqual(m.headers.fields.map(\.name), ["Received", "subject", "X-Latin", "To", "CONTENT-TYPE"])
        XCTAssertEqual(m.headers.raw("received"), "from a\tby b")
        XCTAssertEqual(m.subject, "café ok")
        XCTAssertEqual(m.headers.raw("Subject"), "=?utf-8?q?caf=C3=A9?= ok")
        XCTAssertEqual(m.headers.value("x-latin"), "Résa")
        // An encoded name with a comma is quoted in an address field, so the list still has one address.
        XCTAssertEqual(m.headers.value("To"), "\"Dupont, Jean\" <j@x.test>")
        XCTAssertEqual(m.to, [EmailAddress(name: "Dupont, Jean", address: "j@x.test")])
        XCTAssertEqual(m.root.contentType, "text/plain")
        XCTAssertEqual(m.root.charset, "UTF-8")
        XCTAssertNil(m.headers.value("Content"))
        XCTAssertEqual(m.headers.values("x-latin"), ["Résa"])
        // 8-bit Latin-1 in a raw header.
        let latin = MessageParser.parse(Array("Subject: caf".utf8) + [0xE9] + Array("\r\nContent-Type: text/plain; name=\"r".utf8)
                                        + [0xE9] + Array("sa.txt\"\r\n\r\nx".utf8))
        XCTAssertEqual(latin.subject, "café")
        XCTAssertEqual(latin.root.filename, "résa.txt")
        // A big message's header blocks are copied rather than shared: same readings.
        let big = "Subject: gros\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; "
            + "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nété\r\n--b\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\n"
            + String(repeating: "x", count: HeaderParser.sharedMessageBytes) + "\r\n--b--\r\n"
        let b = MessageParser.parse(Array(big.utf8))
        XCTAssertEqual(b.subject, "gros")
        XCTAssertEqual(b.textBody, "été")
        XCTAssertEqual(b.attachments.map(\.filename), ["a.pdf"])
        XCTAssertEqual(b.root.children.map { $0.headers.raw("Content-Type") },
                       ["text/plain; charset=utf-8", "application/pdf; name=a.pdf"])
        XCTAssertEqual(b.root.leaves.count, 2)
        // Fields given whole still work, and can be replaced.
        var h = MessageHeaders(fields: [HeaderField(name: "Subject", raw: "a", value: "b")])
        XCTAssertEqual(h.value("subject"), "b")
        h.fields.append(HeaderField(name: "X", raw: "1", value: "1"))
        XCTAssertEqual(h.raw("x"), "1")
    }

    func testParametersOnBytes() {
        let v = ParameterizedValue("Multipart/Alternative; BOUNDARY=\"a\\\"b\"; charset=utf-8 ; junk; format = flowed")
        XCTAssertEqual(v.value, "multipart/alternative")
        XCTAssertEqual(v.parameters["boundary"], "a\"b")
        XCTAssertEqual(v.parameters["charset"], "utf-8")
        XCTAssertEqual(v.parameters["format"], "flowed")
        XCTAssertEqual(ParameterizedValue("'text/html'").value, "text/html")
        // First plain value wins; an RFC 2231 value replaces it.
        let d = ParameterizedValue("attachment; filename=a.pdf; filename=b.pdf")
        XCTAssertEqual(d.parameters["filename"], "a.pdf")
        let e = ParameterizedValue("attachment; filename=a.pdf; filename*=utf-8''%C3%A9.pdf")
        XCTAssertEqual(e.parameters["filename"], "é.pdf")
        let m = parse("Content-Type: multipart/mixed;\n boundary=\"zz\"\n\n--zz\nContent-Type: text/plain\n\nx\n--zz--\n")
        XCTAssertEqual(m.root.parameters, ["boundary": "zz"])
        XCTAssertEqual(m.textBody, "x")
        XCTAssertEqual(m.root.children.first?.parameters, [:])
    }

    func testHTMLTagsAndEntitiesByTable() {
        func kind(_ name: String) -> HTMLText.Tag? { let b = Array(name.uppercased().utf8); return HTMLText.tag(b, 0, b.count) }
        for name in HTMLText.blockNames { XCTAssertEqual(kind(name), .block, name) }
        for name in HTMLText.skipNames { XCTAssertEqual(kind(name), .skip, name) }
        XCTAssertEqual(["br", "li", "pre", "td", "th", "blockquote"].map(kind), [.br, .li, .pre, .cell, .cell, .blockquote])
        for name in ["a", "span", "b", "font", "img", "o:p", "tablex", "blockquot", "headers"] { XCTAssertNil(kind(name), name) }
        XCTAssertEqual(HTMLText.convert("<DIV>a</div><FigCaption>b</figcaption><BlockQuote>c</blockquote>d"), "a\nb\n> c\nd")
        XCTAssertEqual(HTMLText.convert("<SCRIPT>x</script><Title>t</title>a<svg/>b<blockquotes>c"), "abc")
        XCTAssertEqual(HTMLText.convert("&Eacute;&eacute;&EACUTE;&hellip;&#x20AC;&#150;"), "Éé&EACUTE;…€–")
        XCTAssertEqual(HTMLText.convert("a&#13;&#10;b"), "a\nb")
        XCTAssertEqual(HTMLText.convert("<p>a \u{A0}</p><p></p><p>&nbsp;</p><p></p><p>b</p>\n"), "a\n\nb")
    }

    func testAddressesOnBytes() {
        XCTAssertEqual(AddressParser.parseList("\"Éloïse L'Hôte\" <eloise@x.test>, (Jean) jean@y.test; <MailTo:z@z.test>"),
                       [EmailAddress(name: "Éloïse L'Hôte", address: "eloise@x.test"),
                        EmailAddress(name: "Jean", address: "jean@y.test"), EmailAddress(name: nil, address: "z@z.test")])
        XCTAssertEqual(AddressParser.parseList("équipe: <@relay:a@b.test>, c@d.test;"),
                       [EmailAddress(name: nil, address: "a@b.test"), EmailAddress(name: nil, address: "c@d.test")])
    }

    func testQuotedPrintableAndFlowed() {
        let qp = TransferEncoding.decodeQuotedPrintable(Array("caf=C3=A9  \r\nfin=\r\n=3D=2 x=20 \n".utf8)[...])
        XCTAssertEqual(String(decoding: qp.bytes, as: UTF8.self), "café\r\nfin==2 x \n")
        XCTAssertEqual(qp.broken, 1)
        // Long literal runs (8 bytes at a time), ended by "=", a space, a control byte or an 8-bit byte.
        let long = "Lorem_ipsum,dolor.sit-amet;consectetur=3Dadipiscing elit\tsed\u{0C}do" + "\u{E9}eiusmod=\r\ntempor  \r\n"
        let decoded = TransferEncoding.decodeQuotedPrintable(Array(long.utf8)[...])
        XCTAssertEqual(String(decoding: decoded.bytes, as: UTF8.self),
                       "Lorem_ipsum,dolor.sit-amet;consectetur=adipiscing elit\tsed\u{0C}do\u{E9}eiusmodtempor\r\n")
        // Spaces inside a run are kept, trailing ones before a line break dropped, "=20" kept.
        let spaced = TransferEncoding.decodeQuotedPrintable(Array("un deux trois quatre   \r\ncinq six=20  \nsept    ".utf8)[...])
        XCTAssertEqual(String(decoding: spaced.bytes, as: UTF8.self), "un deux trois quatre\r\ncinq six \nsept    ")
        XCTAssertEqual(String(decoding: TransferEncoding.decodeQuotedPrintable(Array("abcdefgh_ijklmnop_q".utf8)[...], header: true).bytes,
                              as: UTF8.self), "abcdefgh ijklmnop q")
        XCTAssertEqual(FlowedText.unflow(" un \ndeux\n-- \nsig \n> q \nfin", delSp: false), "un deux\n-- \nsig > q \nfin")
        XCTAssertEqual(FlowedText.unflow("un \ndeux", delSp: true), "undeux")
    }
}

final class ASCIITextFastPathTests: XCTestCase {
    func testASCIITextAndCharsetsThatNeedDecoding() {
        // ASCII in an ASCII-compatible charset: CRLF and lone CR become LF.
        let m = MessageParser.parse(Array("Content-Type: text/plain; charset=windows-1252\r\n\r\na\r\nb\rc\n".utf8))
        XCTAssertEqual(m.textBody, "a\nb\nc\n")
        XCTAssertTrue(m.defects.isEmpty)
        // 7-bit bytes that are not ASCII text: ISO-2022-JP still goes through iconv.
        let jp = MessageParser.parse(Array("Content-Type: text/plain; charset=iso-2022-jp\r\n\r\n\u{1B}$B$3$s\u{1B}(B\r\n".utf8))
        XCTAssertEqual(jp.textBody, "こん\n")
        // 8-bit text keeps the charset path.
        let latin = MessageParser.parse(Array("Content-Type: text/plain; charset=iso-8859-1\r\n\r\nd".utf8) + [0xE9, 13, 10])
        XCTAssertEqual(latin.textBody, "dé\n")
        // From: one field read once, encoded display name, address from the raw field.
        let f = parse("From: =?utf-8?q?Ren=C3=A9e?= <renee@x.test>\n\nx")
        XCTAssertEqual(f.from, [EmailAddress(name: "Renée", address: "renee@x.test")])
    }
}

/// Work the parser leaves until it is asked for: an HTML-only body's text, and the copies of small parts' bytes.
final class LazyReadingTests: XCTestCase {
    func testHTMLOnlyBodyIsTurnedIntoTextWhenRead() {
        let m = parse("Content-Type: text/html; charset=utf-8\n\n<p>L&eacute;a sera absente <b>jeudi</b>.</p>")
        XCTAssertEqual(m.htmlBody, "<p>L&eacute;a sera absente <b>jeudi</b>.</p>")
        XCTAssertEqual(m.textBody.trimmedSpaces, "Léa sera absente jeudi.")
        XCTAssertEqual(m.textBody, m.textBody) // the second read gives the cached text
        XCTAssertFalse(m.defects.contains { $0.code == "no-body" })
        XCTAssertEqual(m.newText.trimmedSpaces, "Léa sera absente jeudi.")
        // An HTML body without text, and an empty plain one: « no-body », decided when the defects are read.
        let picture = parse("Content-Type: text/html\n\n<img src=\"cid:x\">")
        XCTAssertEqual(picture.defects.map(\.code), ["no-body"])
        XCTAssertEqual(parse("Subject: vide\n\n").defects.map(\.code), ["no-body"])
        // A plain part wins over the HTML one in an alternative; no conversion is needed for it.
        let alt = parse("Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\nbrut\n"
                        + "--b\nContent-Type: text/html\n\n<p>riche</p>\n--b--\n")
        XCTAssertEqual(alt.textBody, "brut")
        XCTAssertEqual(alt.htmlBody, "<p>riche</p>")
        XCTAssertTrue(alt.defects.isEmpty)
    }

    func testSmallIdentityPartsAreSlicesOfTheMessage() {
        let pdf = "%PDF-1.4 fake"
        let m = parseLF("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nbonjour\r\n"
                      + "--b\r\nContent-Type: application/pdf; name=\"c.pdf\"\r\nContent-Disposition: attachment\r\n\r\n"
                      + pdf + "\r\n--b--\r\n")
        let leaves = m.root.leaves
        XCTAssertEqual(leaves.map { String(decoding: $0.bodyBytes, as: UTF8.self) }, ["bonjour", pdf])
        XCTAssertEqual(leaves[1].body, Array(pdf.utf8))
        XCTAssertEqual(m.attachments.map(\.data), [Array(pdf.utf8)])
        XCTAssertEqual(m.attachments.map(\.filename), ["c.pdf"])
        // Encoded parts are decoded into their own bytes.
        let b64 = parseLF("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n")
        XCTAssertEqual(b64.root.body, Array("hello".utf8))
        XCTAssertEqual(b64.root.bodyBytes.count, 5)
    }

    func testMimeFieldsFoundInOnePassKeepTheirRules() {
        // Two Content-Types: the first valid one counts, and the duplicate is reported; fields in any case.
        let m = parse("content-TYPE: text\nContent-Type: text/html\nCONTENT-TRANSFER-ENCODING: Quoted-Printable\n"
                      + "content-disposition: inline; FileName=\"a.txt\"\n\ncaf=C3=A9")
        XCTAssertEqual(m.root.contentType, "text/plain")
        XCTAssertTrue(m.defects.contains { $0.code == "duplicate-content-type" })
        XCTAssertEqual(m.root.disposition, "inline")
        XCTAssertEqual(m.root.filename, "a.txt")
        XCTAssertEqual(m.root.body, Array("café".utf8))
        // A Content-Type without a subtype is skipped for the next valid one.
        let n = parse("Content-Type: bogus\nContent-Type: text/plain; charset=utf-8\n\nok")
        XCTAssertEqual(n.root.contentType, "text/plain")
        XCTAssertTrue(n.defects.contains { $0.code == "invalid-content-type" })
        // Names that only look alike are not MIME fields.
        let o = parse("Content-Typo: text/html\nX-Content-Type: text/html\n\nok")
        XCTAssertEqual(o.root.contentType, "text/plain")
    }

    func testCharsetsThroughIconvAndUTF8Validation() {
        // UTF-16 doubles ASCII's bytes into three-byte-free text; a long one still fits the in-place buffer.
        let text = String(repeating: "é€", count: 3000)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let r = Charset.decode(utf16[...], charset: "utf-16")
        XCTAssertEqual(r.text, text)
        XCTAssertNil(r.defect)
        // Invalid bytes in a multibyte charset become U+FFFD, counted in the defect.
        let bad = Charset.decode([0x82, 0xA0, 0xFF, 0x41][...], charset: "shift_jis")
        XCTAssertTrue(bad.text.hasSuffix("\u{FFFD}A"), bad.text)
        XCTAssertEqual(bad.defect?.code, "charset-invalid-bytes")
        // UTF-8: valid, truncated at the end (the four-byte case that keeps its length when repaired), ASCII.
        XCTAssertEqual(Charset.validUTF8(Array("dé€😀".utf8)[...]), "dé€😀")
        XCTAssertNil(Charset.validUTF8([0xF0, 0x9F, 0x98, 0x41][...]))
        XCTAssertNil(Charset.validUTF8([0x61, 0xC3][...]))
        XCTAssertEqual(Charset.validUTF8(Array("plain".utf8)[2...]), "ain")
        XCTAssertEqual(Charset.decode([0x61, 0xE9, 0x62][...], charset: "utf-8").defect?.code, "charset-mismatch")
    }
}
