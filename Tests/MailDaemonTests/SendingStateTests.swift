import EspaceCore
import Foundation
import GRDB
@testable import MailDaemon
import Parsers
import XCTest

/// The files the sending stage and the pipeline keep beside the store, on real files and a real SQLite store
/// (no servers): the raw archive, the acceptance journal, the mark of the mail in flight.
final class SendingStateTests: XCTestCase {
    private var dir = ""

    override func setUp() {
        dir = NSTemporaryDirectory() + "/sending-state-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testRawMailsOfADayShareOneFileAndReadBackByteForByte() throws {
        let archive = RawArchive(directory: dir + "/messages")
        let day = ParisTime(date: CivilDate(iso: "2027-03-08")!, hour: 8, minute: 0).instant
        let next = ParisTime(date: CivilDate(iso: "2027-03-09")!, hour: 8, minute: 0).instant
        let mails: [[UInt8]] = [Array("From: a@x.test\r\n\r\nBonjour\r\n".utf8), Array((0..<300).map { UInt8($0 % 256) }),
                                Array("From: b@x.test\r\n\r\nÉlise sera absente\r\n".utf8)]
        let refs = try [archive.save(mails[0], receivedAt: day), archive.save(mails[1], receivedAt: day),
                        archive.save(mails[2], receivedAt: next)]
        try archive.sync()
        XCTAssertEqual(refs.map { RawArchive.read($0) }, mails)
        let files = Set(refs.map { String($0[..<$0.lastIndex(of: "#")!]) })
        XCTAssertEqual(files, [dir + "/messages/2027-03/2027-03-08.raw", dir + "/messages/2027-03/2027-03-09.raw"])
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/messages/2027-03/2027-03-08.raw")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, "parents' mail is private")
    }

    func testJournalKeepsWholeLinesOnlyAndEmptiesOnClear() throws {
        let journal = SentJournal(path: dir + "/espace.sqlite.sent")
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertTrue(journal.append(12, at: at))
        XCTAssertTrue(journal.append(13, at: at))
        // A line torn by a full disk, then a whole one after it: the torn one and the one glued to it are not read.
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: journal.path))
        try h.seekToEnd(); try h.write(contentsOf: Data("sent 14 18".utf8)); try h.close()
        XCTAssertTrue(journal.append(15, at: at))
        XCTAssertEqual(journal.entries().map(\.id), [12, 13])
        XCTAssertEqual(journal.entries().first?.at, at)
        journal.clear()
        XCTAssertTrue(journal.entries().isEmpty)
    }

    func testAMailWhoseTransactionNeverCommittedIsCountedByTheRetryRules() throws {
        let store = try Store(path: dir + "/espace.sqlite")
        let marker = InFlightMarker(path: dir + "/espace.sqlite.handling")
        let entry = InFlightMarker.Entry(key: "mid:a@x.test#sha256:00", mailbox: "INBOX", uidvalidity: 7, uid: 42,
                                         rawPath: dir + "/x.raw#0+1", receivedAt: Date(), from: "a@x.test", subject: "Absence")
        try marker.begin(entry)
        // What a process killed inside the transaction leaves: the marker, no ledger row. The next start:
        try InFlightMarker(path: marker.path).recover(store: store)
        let row = try XCTUnwrap(try store.read { db in try Ledger.find(key: entry.key, db: db) })
        XCTAssertEqual(row.state, .received)
        XCTAssertEqual(row.uid, 42)
        var retry = HandlingRetry(store: store, maxAttempts: 2)
        XCTAssertEqual(try retry.decide(row), .retry(attempt: 2))
        // Killed again: the next decision files it as poison.
        let again = try XCTUnwrap(try store.read { db in try Ledger.find(key: entry.key, db: db) })
        guard case .poison = try retry.decide(again) else { return XCTFail("not filed as poison after 2 attempts") }
        // Recovering twice, or a marker whose mail committed after all, adds nothing.
        try marker.begin(entry)
        try InFlightMarker(path: marker.path).recover(store: store)
        XCTAssertEqual(try store.read { db in try MessageRecord.fetchCount(db) }, 1)
    }

    /// The marker's hand-written JSON reads back as JSONDecoder reads JSONEncoder's, whatever the subject holds.
    func testMarkerEntryReadsBackWhateverItHolds() throws {
        for subject in ["Absence", "« Léa » \"malade\" \\ fin", "tab\tnew\nline\u{1}", "", "😀 Zoë"] {
            let entry = InFlightMarker.Entry(key: "mid:\"q\"@x.test#sha256:00", mailbox: "INBOX", uidvalidity: 7, uid: 42,
                                             rawPath: dir + "/x.raw#0+1", receivedAt: Date(timeIntervalSinceReferenceDate: 818_000_000.123_456),
                                             from: "a@x.test", subject: subject)
            let back = try JSONDecoder().decode(InFlightMarker.Entry.self, from: Data(entry.json))
            XCTAssertEqual(back.subject, subject)
            XCTAssertEqual(back.key, entry.key)
            XCTAssertEqual(back.receivedAt, entry.receivedAt)
            XCTAssertEqual([back.uid, back.uidvalidity], [42, 7])
            XCTAssertEqual(try JSONDecoder().decode(InFlightMarker.Entry.self, from: try JSONEncoder().encode(entry)).subject, subject)
        }
    }
}
