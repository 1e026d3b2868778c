import EspaceCore
import Foundation
import GRDB
import Logging
@testable import MailDaemon
import XCTest

/// Mail is read without marking it seen, and `run` answers as soon as a mail arrives (IMAP IDLE), through the real
/// Dovecot and Postfix (issue 11 item 8, issue 13 item 5).
final class IdleEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!
    static let camille = "camille@parents.test"

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available else { return }
        stack = TestMailStack(name: "idle", smtpPort: 19025, imapPort: 19143)
        do { try stack.start(users: [TestTown.service, camille]) } catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    private func settings(policy: String = "none") throws -> Settings {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        let stack = Self.stack!
        stack.clear([TestTown.service, Self.camille])
        var s = TestTown.settings(stack: stack, policy: policy)
        let dir = stack.state + "/run-\(UUID().uuidString.prefix(8))"
        s.storePath = dir + "/espace.sqlite"
        s.rawDir = dir + "/messages"
        s.attachmentsDir = dir + "/attachments"
        _ = try TestTown.store(s)
        return s
    }

    private func curlIMAP(_ folder: String, _ args: [String]) throws -> Data {
        let stack = Self.stack!
        return try TestMailStack.run(["curl", "-sS", "imap://127.0.0.1:\(stack.imapPort)/\(folder)", "-u",
                                      "\(TestTown.service):\(stack.password)"] + args).out
    }

    /// The flags of every message in the folder, as the server holds them.
    private func flags(_ folder: String) throws -> [String] {
        String(decoding: try curlIMAP(folder, ["-X", "UID FETCH 1:* FLAGS"]), as: UTF8.self)
            .split(whereSeparator: \.isNewline).filter { $0.contains("FETCH") }.map(String.init)
    }

    /// APPENDs a raw message, bypassing Postfix (which would rewrap long lines), then clears the \Seen that
    /// libcurl's APPEND sets: the message is new mail.
    private func append(_ raw: [UInt8], folder: String = "INBOX") throws {
        let file = Self.stack.state + "/append-\(UUID().uuidString.prefix(8)).eml"
        try Data(raw).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try TestMailStack.run(["curl", "-sS", "imap://127.0.0.1:\(Self.stack.imapPort)/\(folder)", "-u",
                                       "\(TestTown.service):\(Self.stack.password)", "-T", file])
        XCTAssertEqual(r.status, 0, String(decoding: r.out, as: UTF8.self))
        _ = try curlIMAP(folder, ["-X", "UID STORE 1:* -FLAGS.SILENT (\\Seen)"])
    }

    // MARK: - Fetching leaves mail unseen

    func testMailFiledForReviewIsStillUnseenOnTheServer() throws {
        // Under the DMARC policy a mail without the town's Authentication-Results cannot be verified: review.
        let s = try settings(policy: "dmarc")
        for i in 0..<2 {
            try Self.stack.send(TestTown.mail(from: "Camille Martin <\(Self.camille)>", subject: "Absence \(i)",
                                              body: "Bonjour, Léa sera absente jeudi 11 mars. Camille"),
                                from: Self.camille, to: TestTown.service)
        }
        XCTAssertEqual(try Self.stack.waitFor(TestTown.service, count: 2), 2)
        let daemon = try Daemon(settings: s, store: try Store(path: s.storePath), clock: .init(fixedDay: TestTown.today),
                                log: Logger(label: "test"))
        XCTAssertEqual(try daemon.runOnce().review, 2)
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "INBOX"), [])
        let review = try flags("NeedsReview")
        XCTAssertEqual(review.count, 2, "\(review)")
        XCTAssertFalse(review.contains { $0.contains("\\Seen") }, "staff must see review mail as new: \(review)")
    }

    /// Whatever a mail holds — lines that look like IMAP syntax, a line far longer than libcurl's response buffer,
    /// 8-bit bytes — the daemon reads exactly the bytes the server holds, and leaves the mail unseen.
    func testFetchIsByteExactAndUnseenForMailThatLooksLikeProtocol() throws {
        let s = try settings()
        let tricky = Array("""
            From: Camille <camille@parents.test>\r
            Subject: test\r
            \r
            )\r
            {123}\r
            * 1 EXISTS\r
            A001 OK Fetch completed.\r
            A005 OK Fetch completed.\r
            caf\u{e9} \r\n
            """.utf8) + [0xE9, 0xFF] + Array("\r\n{7}\r\n".utf8)
        let longLine = Array("From: Camille <camille@parents.test>\r\nSubject: long\r\n\r\n".utf8)
            + [UInt8](repeating: UInt8(ascii: "A"), count: 1_200_000) + Array("\r\nfin\r\n".utf8)
        try append(tricky)
        try append(longLine)
        let uids = try Self.stack.uids(TestTown.service)
        XCTAssertEqual(uids.count, 2)
        XCTAssertFalse(try flags("INBOX").contains { $0.contains("\\Seen") })
        let imap = try IMAPClient(server: s.imap)
        var fetched: [[UInt8]] = []
        for uid in uids { fetched.append(try imap.fetch("INBOX", uid: Int64(uid), maxBytes: s.limits.maxMessageBytes)) }
        XCTAssertEqual(imap.rawSessionFetches, 1, "the 1.2 MB line is more than libcurl's line reader carries")
        let inbox = try flags("INBOX")
        XCTAssertEqual(inbox.count, 2)
        XCTAssertFalse(inbox.contains { $0.contains("\\Seen") }, "\(inbox)")
        // libcurl's own URL fetch (exact literal) as the reference for what the server holds.
        for (uid, bytes) in zip(uids, fetched) {
            let server = try curlIMAP("INBOX/;UID=\(uid)", [])
            XCTAssertEqual(bytes.count, server.count, "UID \(uid)")
            XCTAssertTrue(bytes == Array(server), "UID \(uid): bytes differ")
        }
        // Over the size limit: refused as such (the daemon files it for review), on both paths.
        XCTAssertThrowsError(try imap.fetch("INBOX", uid: Int64(uids[1]), maxBytes: 100_000)) {
            XCTAssertEqual(($0 as? MailTransportError)?.code, 23, "\($0)")
        }
        XCTAssertThrowsError(try imap.fetchOverSession("INBOX", uid: Int64(uids[1]), maxBytes: 100_000)) {
            XCTAssertEqual(($0 as? MailTransportError)?.code, 23, "\($0)")
        }
    }

    /// The read-ahead's fetch of several mails in one command gives each mail's exact bytes, leaves them unseen, and
    /// refuses (on a new connection, so the next fetch works) a group over the byte bound or with a UID not there;
    /// the sizes it groups by are the mails' own.
    func testSeveralMailsInOneFetchAreEachMailsBytes() throws {
        let s = try settings()
        func mail(_ subject: String, _ body: [UInt8]) -> [UInt8] {
            Array("From: Camille <camille@parents.test>\r\nSubject: \(subject)\r\n\r\n".utf8) + body
        }
        func line(_ c: Character, _ n: Int) -> [UInt8] { [UInt8](repeating: c.asciiValue!, count: n) + [0x0D, 0x0A] }
        let small = [mail("a", Array(")\r\n{12}\r\n* 2 FETCH (UID 9 BODY[] {3}\r\nA001 OK\r\n".utf8)),
                     mail("b", Array("caf\u{e9}\r\n".utf8) + [0xE9, 0xFF, 0x0D, 0x0A]), mail("c", line("x", 8_000))]
        let large = ["d", "e", "f", "g"].map { mail($0, line(Character($0), 30_000)) }
        for m in small + large { try append(m) }
        let uids = try Self.stack.uids(TestTown.service).map { Int64($0) }
        XCTAssertEqual(uids.count, small.count + large.count)
        let imap = try IMAPClient(server: s.imap)
        let sizes = try imap.sizes("INBOX")
        XCTAssertEqual(uids.map { sizes[$0] }, (small + large).map { $0.count })
        let first = Array(uids.prefix(small.count))
        let together = try imap.fetch("INBOX", uids: first, maxBytes: s.limits.maxMessageBytes)
        XCTAssertEqual(first.map { together[$0] }, small)
        for uid in first {
            XCTAssertEqual(together[uid], try imap.fetch("INBOX", uid: uid, maxBytes: s.limits.maxMessageBytes), "UID \(uid)")
        }
        XCTAssertFalse(try flags("INBOX").contains { $0.contains("\\Seen") })
        // Each large mail is under 35,000 bytes; the four together are over the bound.
        XCTAssertThrowsError(try imap.fetch("INBOX", uids: Array(uids.suffix(large.count)), maxBytes: 35_000))
        XCTAssertEqual(try imap.fetch("INBOX", uid: uids[0], maxBytes: 35_000), small[0])
        XCTAssertThrowsError(try imap.fetch("INBOX", uids: [uids[0], uids.last! + 100], maxBytes: 35_000))
        XCTAssertEqual(try imap.fetch("INBOX", uids: Array(uids.suffix(2)), maxBytes: 35_000).count, 2)
    }

    // MARK: - Push: IDLE

    private func startRun(_ s: Settings, name: String) throws -> (DaemonProcess, log: String) {
        let config = (s.storePath as NSString).deletingLastPathComponent + "/\(name).json"
        try DaemonProcess.writeConfig(s, to: config)
        let log = (s.storePath as NSString).deletingLastPathComponent + "/\(name).log"
        let p = try DaemonProcess.start(["run", "--config", config, "--today", TestTown.today.iso], log: log,
                                        env: ["ESPACE_LOG": "info"])
        return (p, log)
    }

    private func waitForLog(_ log: String, _ text: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let t = try? String(contentsOfFile: log, encoding: .utf8), t.contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    func testMailDeliveredWhileRunIdlesIsAnsweredAtOnce() throws {
        var s = try settings()
        s.pollSeconds = 300 // a reply within seconds can only come from IDLE
        let (p, log) = try startRun(s, name: "idle")
        var stopped = false
        defer { if !stopped { p.stop(SIGKILL) } }
        let check = try DaemonProcess.run(["check", "--config", (s.storePath as NSString).deletingLastPathComponent + "/idle.json"])
        XCTAssertTrue(check.out.contains("ok        IMAP : IDLE proposé"), check.out)
        XCTAssertTrue(waitForLog(log, "IMAP IDLE : INBOX surveillé", seconds: 30),
                      (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        Thread.sleep(forTimeInterval: 0.5) // past the first cycle and into IDLE

        var latencies: [Double] = []
        for i in 1...3 {
            let start = Date()
            try Self.stack.send(TestTown.mail(from: "Camille Martin <\(Self.camille)>", subject: "Récapitulatif \(i)",
                                              body: "Bonjour, pouvez-vous m’envoyer le récapitulatif de mon compte ? Camille"),
                                from: Self.camille, to: TestTown.service)
            let n = try Self.stack.waitFor(Self.camille, count: i, seconds: 20)
            XCTAssertEqual(n, i, "no reply within 20 s (poll every 300 s): " + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? ""))
            latencies.append(Date().timeIntervalSince(start))
        }
        print("IDLE: submission → reply in the parent's mailbox: " + latencies.map { String(format: "%.2f s", $0) }.joined(separator: ", "))

        // SIGTERM while idling: out promptly, status 0.
        let stopStart = Date()
        let status = p.stop(SIGTERM)
        stopped = true
        let stopSeconds = Date().timeIntervalSince(stopStart)
        print(String(format: "IDLE: run exited %.2f s after SIGTERM", stopSeconds))
        XCTAssertEqual(status, 0)
        XCTAssertLessThan(stopSeconds, 10, "a stop must not wait for the 300 s poll nor the IDLE round")
    }

    /// A server that cannot be reached: said once (not at every try), no wake-up, and a stop is prompt.
    func testWatcherWhoseServerIsDownWarnsOnceAndStopsPromptly() throws {
        let lines = LogLines()
        let log = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        let stop = StopFlag()
        let woken = LogLines()
        let watcher = InboxWatcher(account: try IMAPAccount(server: .init(url: "imap://127.0.0.1:1")), mailbox: "INBOX",
                                   pollSeconds: 30, stop: stop, log: log, retrySeconds: 0.2) { woken.append("woken") }
        watcher.start()
        Thread.sleep(forTimeInterval: 2) // several tries
        let start = Date()
        stop.request()
        watcher.join()
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.5)
        let warnings = lines.all.filter { $0.contains("IMAP IDLE indisponible") }
        XCTAssertEqual(warnings.count, 1, "\(lines.all)")
        XCTAssertTrue(warnings.first?.contains("relevé toutes les 30 s") == true, "\(warnings)")
        XCTAssertEqual(woken.all, [])
    }

    /// Ends every IMAP connection of the stack's Dovecot (one process per connection), as a server restart would.
    private func dropIMAPConnections() throws {
        let state = Self.stack.state + "/stack"
        let pidFile = [state + "/run/master.pid", state + "/sockroot/run/master.pid"]
            .first { FileManager.default.fileExists(atPath: $0) }
        let master = try XCTUnwrap(pidFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        let ps = String(decoding: try TestMailStack.run(["ps", "-o", "pid=,comm=", "--ppid", "\(master)"]).out, as: UTF8.self)
        let imap = ps.split(whereSeparator: \.isNewline).compactMap { line -> Int32? in
            let f = line.split(separator: " ")
            return f.count == 2 && f[1] == "imap" ? Int32(f[0]) : nil
        }
        XCTAssertFalse(imap.isEmpty, ps)
        for pid in imap { kill(pid, SIGTERM) }
    }

    /// The server ends the connections (restart, idle timeout): the watcher opens a new one at once and still wakes
    /// the daemon, and the daemon's own kept connection is replaced without failing a pass.
    func testDroppedConnectionsAreReopened() throws {
        let s = try settings()
        let lines = LogLines(), woken = LogLines()
        let stop = StopFlag()
        defer { stop.request() }
        let watcher = InboxWatcher(account: try IMAPAccount(server: s.imap), mailbox: "INBOX", pollSeconds: 300, stop: stop,
                                   log: Logger(label: "test") { _ in CapturingLogHandler(lines: lines) },
                                   retrySeconds: 60, stableSeconds: 0.5) { woken.append("woken") }
        let imap = try IMAPClient(server: s.imap)
        XCTAssertEqual(try imap.allUIDs("INBOX"), [])
        watcher.start()
        func waitFor(_ done: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(15)
            while !done() && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return done()
        }
        XCTAssertTrue(waitFor { lines.all.contains { $0.contains("surveillé") } }, "\(lines.all)")
        Thread.sleep(forTimeInterval: 1)
        try dropIMAPConnections()
        XCTAssertTrue(waitFor { lines.all.contains { $0.contains("connexion perdue") } }, "\(lines.all)")
        Thread.sleep(forTimeInterval: 1.5) // reconnected and idling again
        try Self.stack.send(TestTown.mail(from: Self.camille, subject: "Récapitulatif", body: "Bonjour"),
                            from: Self.camille, to: TestTown.service)
        XCTAssertTrue(waitFor { !woken.all.isEmpty }, "not woken after the reconnection: \(lines.all)")
        XCTAssertFalse(lines.all.contains { $0.contains("indisponible") }, "\(lines.all)")
        XCTAssertEqual(try imap.allUIDs("INBOX").count, 1, "the daemon's connection was dropped too: replaced, not an error")
        stop.request()
        watcher.join()
    }

    func testWithIdleOffRunPollsAndSaysNothingOfIdle() throws {
        var s = try settings()
        s.pollSeconds = 1
        s.imapIdle = false
        let (p, log) = try startRun(s, name: "poll")
        defer { p.stop(SIGTERM) }
        try Self.stack.send(TestTown.mail(from: "Camille Martin <\(Self.camille)>", subject: "Récapitulatif",
                                          body: "Bonjour, pouvez-vous m’envoyer le récapitulatif de mon compte ? Camille"),
                            from: Self.camille, to: TestTown.service)
        XCTAssertEqual(try Self.stack.waitFor(Self.camille, count: 1, seconds: 20), 1)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        XCTAssertFalse(text.contains("IDLE"), text)
    }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ s: String) { lock.withLock { lines.append(s) } }
    var all: [String] { lock.withLock { lines } }
}

/// Keeps what is logged at info and above, to check what an operator would read.
struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        lines.append("\(event.level): \(event.message)")
    }
}
