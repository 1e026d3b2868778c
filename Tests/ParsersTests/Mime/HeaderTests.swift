import Foundation
import XCTest
@testable import Parsers

final class HeaderTests: XCTestCase {
    func testFoldingAndLFOnlyEqualsCRLF() {
        let text = "Subject: a long\n\tfolded subject\nFrom: A <a@x.test>\nX-Empty:\n\nbody\n"
        for m in [parse(text), parseLF(text)] {
            XCTAssertEqual(m.subject, "a long\tfolded subject")
            XCTAssertEqual(m.headers.value("X-Empty"), "")
            XCTAssertEqual(m.textBody, "body\n")
        }
    }

    func testRawUTF8AndLatin1Headers() {
        let utf8 = MessageParser.parse(Array("Subject: Réservation été\r\n\r\nx".utf8))
        XCTAssertEqual(utf8.subject, "Réservation été")
        let latin1 = MessageParser.parse(Array("Subject: R".utf8) + [0xE9] + Array("servation\r\n\r\nx".utf8))
        XCTAssertEqual(latin1.subject, "Réservation")
    }

    func testEncodedWords() {
        XCTAssertEqual(EncodedWords.decode("=?UTF-8?Q?caf=C3=A9?= =?UTF-8?Q?_cr=C3=A8me?="), "café crème")
        // A UTF-8 character split across two B words.
        XCTAssertEqual(EncodedWords.decode("=?utf-8?B?w6k=?= =?utf-8?B?w6k=?="), "éé")
        XCTAssertEqual(EncodedWords.decode("=?iso-8859-1?q?R=E9sa?= suite"), "Résa suite")
        // Malformed words stay as written.
        XCTAssertEqual(EncodedWords.decode("=?utf-8?X?abc?= and =?utf-8?Q?oops"), "=?utf-8?X?abc?= and =?utf-8?Q?oops")
        XCTAssertEqual(EncodedWords.decode("=?Windows-1252?Q?RE=3A_r=E9servat?=\n =?Windows-1252?Q?ion?="), "RE: réservation")
    }

    func testAddresses() {
        let list = AddressParser.parseList(
            "\"Dupont, Jean\" <jean@x.test>, marie@y.test (Marie Curie), Team: a@z.test, <b@z.test>;, 'Paul' <paul@p.test>")
        XCTAssertEqual(list.map(\.address), ["jean@x.test", "marie@y.test", "a@z.test", "b@z.test", "paul@p.test"])
        XCTAssertEqual(list[0].name, "Dupont, Jean")
        XCTAssertEqual(list[1].name, "Marie Curie")
        XCTAssertEqual(list[4].name, "Paul")
        // Encoded display name containing a comma stays one mailbox.
        let m = parse("From: =?utf-8?Q?Da_Silva=2C_Sandrine?= <s@x.test>\nTo: <@relay.test:a@b.test>\n\nx")
        XCTAssertEqual(m.from, [EmailAddress(name: "Da Silva, Sandrine", address: "s@x.test")])
        XCTAssertEqual(m.to.map(\.address), ["a@b.test"])
        XCTAssertEqual(AddressParser.parseList("undisclosed-recipients:;"), [])
    }

    func testDates() {
        func iso(_ s: String) -> String? {
            DateParser.parse(s).map { d in
                let f = ISO8601DateFormatter(); f.timeZone = TimeZone(identifier: "UTC"); return f.string(from: d)
            }
        }
        XCTAssertEqual(iso("Mon, 8 Mar 2027 10:12:00 +0100"), "2027-03-08T09:12:00Z")
        XCTAssertEqual(iso("8 Mar 27 10:12 GMT"), "2027-03-08T10:12:00Z")
        XCTAssertEqual(iso("Mon, 08 Mar 2027 10:12:00 -0500 (EST)"), "2027-03-08T15:12:00Z")
        XCTAssertEqual(iso("Mon Mar  8 10:12:00 2027"), "2027-03-08T09:12:00Z")  // no zone: Paris
        XCTAssertEqual(iso("2027-03-08T10:12:00Z"), "2027-03-08T10:12:00Z")
        XCTAssertEqual(iso("sam. 6 mars 2027 à 10:31"), "2027-03-06T09:31:00Z")
        XCTAssertEqual(iso("mar. 6 avril 2027 à 10:31"), "2027-04-06T08:31:00Z")
        XCTAssertEqual(iso("dimanche 7 mars 2027 20:03"), "2027-03-07T19:03:00Z")
        XCTAssertEqual(iso("6 mars 2027 à 08:15:02 UTC+1"), "2027-03-06T07:15:02Z")
        XCTAssertEqual(iso("Sunday, March 7, 2027 8:03 PM"), "2027-03-07T19:03:00Z")
        XCTAssertEqual(iso("Tue, 8 Mar 99 10:00:00 EDT"), "1999-03-08T14:00:00Z")
        XCTAssertNil(DateParser.parse("not a date"))
    }

    func testMessageIDs() {
        XCTAssertEqual(MessageIDParser.parseList("<a@b> \n <c@d>"), ["a@b", "c@d"])
        XCTAssertEqual(MessageIDParser.parseList("bare@id.test"), ["bare@id.test"])
        let m = parse("Message-ID:\n <x@y.test>\nIn-Reply-To: <p@q>\nReferences: <r@s> <p@q>\n\nx")
        XCTAssertEqual(m.messageID, "x@y.test")
        XCTAssertEqual(m.references, ["r@s", "p@q"])
    }

    func testRFC2231Parameters() {
        let v = ParameterizedValue("attachment; filename*=UTF-8''certificat%20m%C3%A9dical.pdf")
        XCTAssertEqual(v.value, "attachment")
        XCTAssertEqual(v.parameters["filename"], "certificat médical.pdf")
        let c = ParameterizedValue("application/pdf; name*0*=iso-8859-1''r%E9sa; name*1=\"_avril.pdf\"")
        XCTAssertEqual(c.parameters["name"], "résa_avril.pdf")
        let w = ParameterizedValue("image/jpeg; name=\"=?utf-8?Q?photo_=C3=A9t=C3=A9.jpg?=\"")
        XCTAssertEqual(w.parameters["name"], "photo été.jpg")
    }
}
