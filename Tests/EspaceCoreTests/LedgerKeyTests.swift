import EspaceCore
import Foundation
import XCTest

/// Item 9: the ledger key is the Message-ID plus a hash of the content below the servers' trace fields.
final class LedgerKeyTests: XCTestCase {
    let mail = "From: <camille@parents.test>\r\nSubject: Cantine\r\nMessage-ID: <x@parents.test>\r\n\r\nLéa sera absente jeudi.\r\n"

    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    func testTraceFieldsAddedInTransitDoNotChangeTheKey() {
        let again = "Return-Path: <camille@parents.test>\r\nDelivered-To: famille@ville.test\r\nReceived: from a by b;\r\n Mon, 8 Mar 2027 07:45:02 +0100\r\nAuthentication-Results: mx.ville.test; dmarc=pass\r\n" + mail
        XCTAssertEqual(MessageIntake.ledgerKey(messageID: "x@parents.test", raw: bytes(mail)),
                       MessageIntake.ledgerKey(messageID: "x@parents.test", raw: bytes(again)))
    }

    func testSameMessageIDWithOtherContentIsAnotherKey() {
        let other = mail.replacingOccurrences(of: "Léa", with: "Hugo")
        XCTAssertNotEqual(MessageIntake.ledgerKey(messageID: "x@parents.test", raw: bytes(mail)),
                          MessageIntake.ledgerKey(messageID: "x@parents.test", raw: bytes(other)))
        XCTAssertTrue(MessageIntake.ledgerKey(messageID: "x@parents.test", raw: bytes(mail)).hasPrefix("mid:x@parents.test#sha256:"))
        XCTAssertTrue(MessageIntake.ledgerKey(messageID: nil, raw: bytes(mail)).hasPrefix("sha256:"))
    }

    func testAMessageOfTraceFieldsOnlyStillHasAKey() {
        XCTAssertNotEqual(MessageIntake.contentHash(bytes("Received: from a by b\r\n\r\nbody one")),
                          MessageIntake.contentHash(bytes("Received: from a by b\r\n\r\nbody two")))
    }
}

extension LedgerKeyTests {
    func testKeysOfOlderVersionsAreStillKnown() {
        XCTAssertEqual(MessageIntake.legacyKeys(messageID: "x@parents.test", raw: bytes(mail)), ["mid:x@parents.test"])
        // Older versions hashed every byte when there was no Message-ID.
        XCTAssertEqual(MessageIntake.legacyKeys(messageID: nil, raw: bytes("abc")),
                       ["sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"])
    }

    /// The content hash starts at the first field that is not a trace field, whatever the case and blanks of the
    /// trace fields' names: keys recorded by earlier versions stay the same.
    func testContentHashSkipsTraceFieldsWrittenAnyHow() {
        let mail = "Received: from mx\r\n by here\r\nRETURN-PATH : <a@b.test>\r\nFrom: a@b.test\r\nSubject: x\r\n\r\nbody\r\n"
        XCTAssertEqual(MessageIntake.contentHash(Array(mail.utf8)),
                       "d690e56b009d45f15674a2fddc7fc70cc1d1e3360c50f5635ad07e03c05e224f")
    }
}
