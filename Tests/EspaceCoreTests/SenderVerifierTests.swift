import EspaceCore
import Foundation
import Parsers
import XCTest

/// Only the town MX's verdict about the very From address counts (reviewed attacks kept as cases).
final class SenderVerifierTests: XCTestCase {
    let mx = "mx.ville.test"

    func verdict(_ headers: String, policy: String = "dmarc", internalHosts: [String] = ["lmtp.ville.test"]) -> (from: String, failure: String?) {
        let raw = headers + "\r\nTo: famille@ville.test\r\nSubject: Cantine\r\n\r\nAnnulez la cantine de Hugo jeudi.\r\n"
        let m = MessageParser.parse(Array(raw.utf8))
        var trust = Settings.Trust()
        trust.policy = policy
        trust.authservIds = [mx]
        trust.internalHosts = internalHosts
        let from = m.from.first?.normalized ?? ""
        return (from, SenderVerifier(trust: trust).failure(fields: m.headers.fields, fromAddress: from))
    }

    let mxReceived = "Received: from smtp.parents.test by mx.ville.test with ESMTPS id 1; Mon, 8 Mar 2027 08:41:00 +0100"
    let lmtpReceived = "Received: from mx.ville.test by lmtp.ville.test with LMTP id 2; Mon, 8 Mar 2027 08:41:01 +0100"

    func testPassForTheFromDomainIsAccepted() {
        let r = verdict("""
            \(lmtpReceived)\r
            Authentication-Results: mx.ville.test; spf=pass smtp.mailfrom=parents.test; dmarc=pass header.from=parents.test\r
            \(mxReceived)\r
            From: Camille <camille@parents.test>
            """)
        XCTAssertEqual(r.from, "camille@parents.test")
        XCTAssertNil(r.failure)
    }

    func testEncodedWordInsideTheAddressIsNotTheParent() {
        let r = verdict("""
            Authentication-Results: mx.ville.test; dmarc=pass header.from=evil.test\r
            \(mxReceived)\r
            From: Camille Martin <camille=?us-ascii?q?=40parents.test=3E?=@evil.test>
            """)
        XCTAssertNotEqual(r.from, "camille@parents.test")
        XCTAssertNotNil(r.failure)
    }

    func testDmarcPassForAnotherDomainDoesNotVerifyTheFrom() {
        XCTAssertNotNil(verdict("""
            Authentication-Results: mx.ville.test; dmarc=pass header.from=evil.test\r
            \(mxReceived)\r
            From: Camille <camille@parents.test>
            """).failure)
    }

    func testHeaderBelowTheMXEntryIsIgnoredAndTheTopmostWins() {
        XCTAssertNotNil(verdict("""
            Authentication-Results: mx.ville.test; dmarc=fail header.from=parents.test\r
            \(mxReceived)\r
            Authentication-Results : MX.ville.test; dmarc=pass header.from=parents.test\r
            From: Camille <camille@parents.test>
            """).failure)
        XCTAssertNotNil(verdict("""
            Authentication-Results: mx.ville.test; dmarc=fail header.from=parents.test\r
            Authentication-Results: mx.ville.test; dmarc=pass header.from=parents.test\r
            \(mxReceived)\r
            From: Camille <camille@parents.test>
            """).failure, "a second trusted-looking header must not override the MX's own")
    }

    func testQuotedSemicolonDoesNotForgeAClause() {
        XCTAssertNotNil(verdict("""
            Authentication-Results: mx.ville.test; spf=pass smtp.mailfrom="x;dmarc=pass x"@evil.test; dkim=none; dmarc=fail header.from=parents.test\r
            \(mxReceived)\r
            From: Camille <camille@parents.test>
            """).failure)
    }

    func testUntrustedAuthservAndMissingHeaderAndTwoFroms() {
        XCTAssertNotNil(verdict("Authentication-Results: mx.evil.test; dmarc=pass header.from=parents.test\r\n\(mxReceived)\r\nFrom: <camille@parents.test>").failure)
        XCTAssertNotNil(verdict("\(mxReceived)\r\nFrom: <camille@parents.test>").failure)
        XCTAssertNotNil(verdict("Authentication-Results: mx.ville.test; dmarc=pass header.from=parents.test\r\nFrom: <camille@parents.test>\r\nFrom: <mallory@evil.test>").failure)
        XCTAssertNotNil(verdict("Authentication-Results: mx.ville.test; dmarc=pass header.from=parents.test\r\nFrom: <camille@parents.test>, <mallory@evil.test>").failure)
    }

    func testAlignedPolicyAcceptsAlignedDKIMOnly() {
        XCTAssertNil(verdict("Authentication-Results: mx.ville.test; spf=fail smtp.mailfrom=bounce.esp.test; dkim=pass header.d=mail.parents.test; dmarc=none\r\n\(mxReceived)\r\nFrom: <camille@parents.test>", policy: "aligned").failure)
        XCTAssertNotNil(verdict("Authentication-Results: mx.ville.test; spf=pass smtp.mailfrom=esp.test; dkim=pass header.d=esp.test\r\n\(mxReceived)\r\nFrom: <camille@parents.test>", policy: "aligned").failure)
    }
}
