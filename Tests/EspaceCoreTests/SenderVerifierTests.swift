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

    /// Item 6: a pass for a public suffix is nobody's; alignment is the organizational domain from the PSL.
    func testAlignedPolicyNeverAlignsAPublicSuffix() throws {
        XCTAssertNotNil(OrganizationalDomains.system, "Debian's publicsuffix package (scripts/install-deps.sh)")
        for suffix in ["test", "fr", "co.uk"] {
            let from = suffix == "co.uk" ? "parents.co.uk" : "parents.\(suffix)"
            let spf = verdict("Authentication-Results: mx.ville.test; spf=pass smtp.mailfrom=\(suffix); dmarc=none\r\n\(mxReceived)\r\nFrom: <camille@\(from)>", policy: "aligned")
            XCTAssertNotNil(spf.failure, "an SPF pass for « \(suffix) » was taken as aligned with \(from)")
            let dkim = verdict("Authentication-Results: mx.ville.test; dkim=pass header.d=\(suffix)\r\n\(mxReceived)\r\nFrom: <camille@\(from)>", policy: "aligned")
            XCTAssertNotNil(dkim.failure, "a DKIM pass for « \(suffix) » was taken as aligned with \(from)")
        }
        // Same organizational domain, either way round: aligned.
        XCTAssertNil(verdict("Authentication-Results: mx.ville.test; spf=pass smtp.mailfrom=bounce.mail.parents.fr\r\n\(mxReceived)\r\nFrom: <camille@parents.fr>", policy: "aligned").failure)
        XCTAssertNil(verdict("Authentication-Results: mx.ville.test; dkim=pass header.d=parents.co.uk\r\n\(mxReceived)\r\nFrom: <camille@news.parents.co.uk>", policy: "aligned").failure)
        // Two registrable domains under one public suffix are strangers.
        XCTAssertNotNil(verdict("Authentication-Results: mx.ville.test; dkim=pass header.d=evil.co.uk\r\n\(mxReceived)\r\nFrom: <camille@parents.co.uk>", policy: "aligned").failure)
        // DMARC policy still requires the MX's dmarc=pass, whatever SPF and DKIM say.
        XCTAssertNotNil(verdict("Authentication-Results: mx.ville.test; spf=pass smtp.mailfrom=parents.fr; dkim=pass header.d=parents.fr\r\n\(mxReceived)\r\nFrom: <camille@parents.fr>").failure)
    }

    func testPublicSuffixRulesWildcardsAndExceptions() {
        let list = PublicSuffixList(text: "// comment\nfr\nco.uk\nuk\n*.ck\n!www.ck\n")
        XCTAssertNil(list.organizationalDomain("fr"))
        XCTAssertNil(list.organizationalDomain("co.uk"))
        XCTAssertEqual(list.organizationalDomain("a.b.parents.co.uk"), "parents.co.uk")
        XCTAssertNil(list.organizationalDomain("anything.ck"), "*.ck makes every x.ck a public suffix")
        XCTAssertEqual(list.organizationalDomain("a.b.ck"), "a.b.ck")
        XCTAssertEqual(list.organizationalDomain("www.ck"), "www.ck", "!www.ck is registrable")
        XCTAssertNil(list.organizationalDomain("test"), "an unlisted TLD is a public suffix (implicit * rule)")
        XCTAssertEqual(list.organizationalDomain("mail.parents.test"), "parents.test")
        XCTAssertFalse(list.aligned("fr", with: "fr"))
        XCTAssertTrue(list.aligned("mail.parents.fr", with: "parents.fr"))
    }

    func testWithoutTheListAlignmentIsTheExactDomain() {
        XCTAssertNil(OrganizationalDomains.load(path: "/nonexistent/public_suffix_list.dat"))
        XCTAssertTrue(OrganizationalDomains.aligned("parents.fr", with: "parents.fr", list: nil))
        XCTAssertFalse(OrganizationalDomains.aligned("mail.parents.fr", with: "parents.fr", list: nil))
        XCTAssertFalse(OrganizationalDomains.aligned("fr", with: "parents.fr", list: nil))
    }
}
