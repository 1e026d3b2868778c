import Foundation
@testable import MailDaemon
import XCTest

final class MimeWriterTests: XCTestCase {
    /// RFC 2045 decoding, written independently of the encoder.
    func decodeQP(_ s: String) -> String {
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "=") {
                if i + 2 < b.count, b[i + 1] == 0x0D, b[i + 2] == 0x0A { i += 3; continue }
                out.append(UInt8(String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)!)
                i += 3
            } else { out.append(b[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func testQuotedPrintableRoundTripsAndKeepsLinesShort() {
        let text = "Bonjour Léa,\n" + String(repeating: "réservation à l’accueil de loisirs ", count: 12) + "  \nfin = ok\t\nà bientôt"
        let encoded = MimeWriter.quotedPrintable(text)
        for line in encoded.components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 76, line)
            XCTAssertFalse(line.hasSuffix(" ") || line.hasSuffix("\t"), "trailing white space survives transport badly: \(line)")
            XCTAssertTrue(line.utf8.allSatisfy { $0 < 128 }, "8-bit byte in \(line)")
        }
        XCTAssertEqual(decodeQP(encoded), text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    func testHeaderValuesCannotInjectLines() {
        let raw = MimeWriter.build(.init(
            from: (name: "Espace \"Famille\"\r\nBcc: victim@evil.test", address: "famille@ville.test"),
            to: "parent@famille.test\r\nBcc: attacker@evil.test", subject: "Re: Absence\r\nBcc: attacker@evil.test",
            date: Date(timeIntervalSince1970: 0), messageId: "ef.1@ville.test\r\nX-Evil: 1", inReplyTo: "a@b\nX-Evil: 2",
            references: ["c@d\r\nX-Evil: 3"], loopMarker: "ville.test", text: "Bonjour", html: "<p>Bonjour</p>"))
        let head = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        for line in head.components(separatedBy: "\r\n") where !line.hasPrefix(" ") {
            XCTAssertFalse(line.lowercased().hasPrefix("bcc:") || line.hasPrefix("X-Evil"), "injected header line: \(line)")
        }
        XCTAssertTrue(head.contains("Auto-Submitted: auto-replied"))
    }

    func testSanitizeRemovesEveryControlCharacter() {
        XCTAssertEqual(MimeWriter.sanitize("  Re: Absence  "), "Re: Absence")
        XCTAssertEqual(MimeWriter.sanitize("a\tb\u{7F}c\u{85}d\u{2028}e\r\nf\u{0}"), "a b c d e  f")
        XCTAssertEqual(MimeWriter.sanitize("Léa\u{9F} – Zoé"), "Léa  – Zoé")
    }

    func testEncodedSubjectIsRFC2047() {
        let word = MimeWriter.encodeWord("Re: Absence de Léa – jeudi")
        XCTAssertTrue(word.hasPrefix("=?UTF-8?B?"))
        XCTAssertEqual(MimeWriter.encodeWord("Re: Factures"), "Re: Factures")
    }

    func testUIDSetsAreCompact() {
        XCTAssertEqual(IMAPClient.uidSet([5, 3, 4, 9, 12, 11, 1]), "1,3:5,9,11:12")
        XCTAssertEqual(IMAPClient.uidSet([7]), "7")
    }

    /// The Date header, in UTC with English names, whatever the machine's locale and zone.
    func testDateHeaderIsRFC5322() {
        XCTAssertEqual(MimeWriter.rfc5322Date(Date(timeIntervalSince1970: 1_804_575_600)), "Tue, 09 Mar 2027 07:00:00 +0000")
        XCTAssertEqual(MimeWriter.rfc5322Date(Date(timeIntervalSince1970: 0.9)), "Thu, 01 Jan 1970 00:00:00 +0000")
        XCTAssertEqual(MimeWriter.rfc5322Date(Date(timeIntervalSince1970: 1_830_297_599)), "Fri, 31 Dec 2027 23:59:59 +0000")
    }
}
