@testable import MailDaemon
import XCTest

/// The response stream of `UID FETCH n BODY.PEEK[]`, cut into responses and the message taken by its exact size.
final class IMAPResponseParserTests: XCTestCase {
    /// A mail that looks like IMAP syntax inside: a closing `)`, literal markers, an untagged response, a tagged OK
    /// with the tag libcurl would use, bare CR and LF, a NUL, 8-bit bytes, and no final line end.
    static let trickyMail: [UInt8] = Array("""
        From: Camille <camille@parents.test>\r
        Subject: =?UTF-8?Q?R=C3=A9sum=C3=A9?=\r
        \r
        Bonjour,\r
        )\r
        {123}\r
        * 1 EXISTS\r
        A005 OK Fetch completed.\r
        ligne avec CR seul\rpuis LF seul\n
        """.utf8) + [0x00, 0xE9, 0xFF] + Array("\r\nfin {7}".utf8)

    private func fetchStream(_ mail: [UInt8], uid: Int64 = 7, seq: Int = 3, prefix: String = "", tail: String = ")\r\nA005 OK Fetch completed.\r\n") -> [UInt8] {
        Array("\(prefix)* \(seq) FETCH (UID \(uid) BODY[] {\(mail.count)}\r\n".utf8) + mail + Array(tail.utf8)
    }

    func testMessageIsCutByItsExactSizeWhateverItHolds() throws {
        let body = try IMAPResponseParser.fetchedBody(fetchStream(Self.trickyMail), uid: 7)
        XCTAssertEqual(body, Self.trickyMail)
    }

    func testNewConnectionPreambleAndUnsolicitedFetchesAreSkipped() throws {
        let prefix = """
            * OK [CAPABILITY IMAP4rev1 IDLE] Dovecot ready.\r
            A001 OK [CAPABILITY IMAP4rev1 IDLE MOVE] Logged in\r
            * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r
            * 4 EXISTS\r
            * OK [UIDVALIDITY 1700000000] UIDs valid\r
            A002 OK [READ-WRITE] Select completed.\r
            * 2 FETCH (FLAGS (\\Seen))\r

            """
        let stream = fetchStream(Self.trickyMail, prefix: prefix, tail: " FLAGS ())\r\nA003 OK Fetch completed.\r\n")
        XCTAssertEqual(try IMAPResponseParser.fetchedBody(stream, uid: 7), Self.trickyMail)
    }

    func testBodyEchoedAfterOtherItemsWithUidLast() throws {
        let mail = Array("Subject: x\r\n\r\nok\r\n".utf8)
        let stream = Array("* 1 FETCH (BODY[] {\(mail.count)}\r\n".utf8) + mail + Array(" UID 12)\r\nA9 OK done\r\n".utf8)
        XCTAssertEqual(try IMAPResponseParser.fetchedBody(stream, uid: 12), mail)
        XCTAssertThrowsError(try IMAPResponseParser.fetchedBody(stream, uid: 13)) {
            XCTAssertEqual($0 as? IMAPResponseParser.Failure, .noSuchMessage(13))
        }
    }

    /// A transport that loses bytes inside the literal (libcurl clipping a long line) must never yield a message:
    /// the exact count then runs into what follows, and the checks after the literal fail.
    func testLiteralCutShortIsRefusedNeverMisread() {
        let stream = fetchStream(Self.trickyMail)
        let literalStart = stream.count - Self.trickyMail.count - ")\r\nA005 OK Fetch completed.\r\n".utf8.count
        for lost in 1...60 {
            for at in [literalStart, literalStart + 40, literalStart + Self.trickyMail.count - lost] {
                var damaged = stream
                damaged.removeSubrange(at..<(at + lost))
                XCTAssertThrowsError(try IMAPResponseParser.fetchedBody(damaged, uid: 7), "\(lost) bytes lost at \(at)")
            }
        }
    }

    /// libcurl ends a command at a line starting with its tag, even inside a literal: the stream then stops early.
    func testStreamEndingInsideTheLiteralIsRefused() {
        let stream = fetchStream(Self.trickyMail)
        for keep in [10, 60, stream.count - 40, stream.count - 1] {
            XCTAssertThrowsError(try IMAPResponseParser.fetchedBody(Array(stream.prefix(keep)), uid: 7), "first \(keep) bytes")
        }
    }

    func testRefusedOrEmptyFetch() {
        let refused = fetchStream(Array("x".utf8), tail: ")\r\nA005 NO Fetch failed\r\n")
        XCTAssertThrowsError(try IMAPResponseParser.fetchedBody(refused, uid: 7))
        XCTAssertThrowsError(try IMAPResponseParser.fetchedBody(Array("A005 OK Fetch completed.\r\n".utf8), uid: 7)) {
            XCTAssertEqual($0 as? IMAPResponseParser.Failure, .noSuchMessage(7))
        }
    }

    func testLiteralOverTheLimitIsRefusedBeforeItArrives() {
        let stream = Array("* 1 FETCH (UID 7 BODY[] {50000000}\r\nFrom: x".utf8)
        XCTAssertThrowsError(try IMAPResponseParser.fetchedBody(stream, uid: 7, maxBytes: 1000)) {
            XCTAssertEqual($0 as? IMAPResponseParser.Failure, .literalTooLarge(50_000_000))
        }
    }

    /// The session reader gets bytes in arbitrary chunks: a response is complete only with its whole literal.
    func testResponsesAreTheSameWhateverTheChunking() throws {
        let stream = Array("+ idling\r\n* 5 EXISTS\r\n".utf8) + fetchStream(Self.trickyMail, uid: 9, seq: 5)
        let whole = try IMAPResponseParser.all(stream)
        XCTAssertEqual(whole.map(\.tag), ["+", "*", "*", "A005"])
        XCTAssertEqual(whole[1].numbered?.number, 5)
        XCTAssertEqual(whole[1].numbered?.name, "EXISTS")
        XCTAssertEqual(whole[2].literals, [Self.trickyMail])
        for step in [1, 7, 64] {
            var buffer: [UInt8] = [], got: [IMAPResponse] = []
            var offset = 0
            while offset < stream.count {
                buffer += stream[offset..<min(stream.count, offset + step)]
                offset += step
                while let (r, end) = try IMAPResponseParser.next(buffer, from: 0) {
                    got.append(r)
                    buffer.removeFirst(end)
                }
            }
            XCTAssertEqual(got, whole, "chunks of \(step) bytes")
            XCTAssertTrue(buffer.isEmpty)
        }
    }

    func testLiteralMarkers() {
        XCTAssertEqual(IMAPResponseParser.literalSize(Array("* 1 FETCH (BODY[] {42}".utf8)), 42)
        XCTAssertEqual(IMAPResponseParser.literalSize(Array("A1 APPEND INBOX {42+}".utf8)), 42)
        XCTAssertNil(IMAPResponseParser.literalSize(Array("* OK {not a size}".utf8)))
        XCTAssertNil(IMAPResponseParser.literalSize(Array("* OK {}".utf8)))
        XCTAssertNil(IMAPResponseParser.literalSize(Array("* OK done".utf8)))
    }

    /// Sizes by UID from `UID FETCH 1:* (RFC822.SIZE)`, in either item order; a FETCH missing either item (flags
    /// the server reports unasked) is left out.
    func testSizesAreReadByUID() throws {
        let stream = Array("""
            * 1 FETCH (UID 10 RFC822.SIZE 1234)
            * 2 FETCH (rfc822.size 98765 uid 11)
            * 3 FETCH (FLAGS (\\Seen))
            * 4 FETCH (UID 13)
            A005 OK Fetch completed.

            """.utf8)
        XCTAssertEqual(try IMAPResponseParser.fetchedSizes(stream), [10: 1234, 11: 98765])
    }

    func testUIDIsFoundInAnyCaseAndMailboxPathsAreEncoded() {
        func uid(_ text: String) -> Int64? { IMAPResponseParser.fetchedUID(IMAPResponse(segments: [Array(text.utf8)], literals: [])) }
        XCTAssertEqual(uid("* 3 FETCH (UID 42 BODY[] {12}"), 42)
        XCTAssertEqual(uid("* 3 FETCH (FLAGS (\\Seen) uid 7)"), 7)
        XCTAssertNil(uid("* 3 FETCH (UIDX 42 BODY[] {12}"))
        XCTAssertNil(uid("* 3 FETCH (UID abc)"))
        XCTAssertEqual(IMAPResponseParser.fetchedUID(IMAPResponse(segments: [Array("* 3 FETCH (UID".utf8), Array("UID 9)".utf8)], literals: [])), 9)
        XCTAssertEqual(IMAPClient.encodePath("INBOX"), "INBOX")
        XCTAssertEqual(IMAPClient.encodePath("Traités/2027 mars"), "Trait%C3%A9s%2F2027%20mars")
        for name in ["Processed", "A revoir", "x/y~z_1.2-3", "50%", "a+b&c?d#e", "Ωmega", "à revoir", "ＡＢ１"] {
            XCTAssertEqual(IMAPClient.encodePath(name),
                           name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))))
        }
    }
}
