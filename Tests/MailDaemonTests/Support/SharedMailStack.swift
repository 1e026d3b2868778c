import Foundation
import XCTest

/// The one Postfix + Dovecot pair of a test process, started by the first end-to-end class that asks for it and
/// stopped when the test bundle finishes (an XCTest observer, atexit as a fallback). A watchdog started with it
/// stops it when this process dies without cleaning up (crash, kill -9, Ctrl-C): no servers are left running.
///
/// `ESPACE_TEST_MAILSTACK=STATE_DIR` uses a stack already running there instead (started with
/// `MAILSTACK_ANY_USER_PASSWORD=test-secret scripts/mailstack.sh start STATE_DIR`), which is left running.
/// Test processes of one checkout running side by side take lanes 0–4 (ports and folders of their own; the first
/// free one from `ESPACE_TEST_LANE`).
final class SharedMailStack: @unchecked Sendable {
    static let password = "test-secret"

    /// Where the stack lives and listens; known before it is started.
    struct Layout {
        let root: String      // per-class state folders
        let dir: String       // mailstack.sh STATE_DIR
        let smtpPort: Int
        let imapPort: Int
        let owned: Bool       // started (and stopped) by this process
    }

    static let layout: Layout = {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["ESPACE_TEST_MAILSTACK"], !dir.isEmpty {
            var ports: [String: Int] = [:]
            let text = (try? String(contentsOfFile: dir + "/ports.env", encoding: .utf8)) ?? ""
            for line in text.split(whereSeparator: \.isNewline) {
                let kv = line.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { ports[String(kv[0])] = Int(kv[1]) }
            }
            let root = (dir as NSString).deletingLastPathComponent + "/eft-classes-\(getpid())"
            return Layout(root: root, dir: dir, smtpPort: ports["STARTED_SMTP_PORT"] ?? 0,
                          imapPort: ports["STARTED_IMAP_PORT"] ?? 0, owned: false)
        }
        let lane = claimLane(preferred: min(4, max(0, Int(env["ESPACE_TEST_LANE"] ?? "") ?? 0)))
        let shift = TestMailStack.worktreeShift
        let root = "/tmp/eft-\(shift)-\(lane)"
        // Checkouts are 10 apart (worktreeShift) and lanes 0–4 within that; the SMTP–IMAP gap ends in 5, so no
        // checkout's SMTP port is ever another checkout's IMAP port. Above the ports of scripts/ and old suites.
        return Layout(root: root, dir: root + "/stack", smtpPort: 20025 + shift + lane, imapPort: 20140 + shift + lane,
                      owned: true)
    }()

    /// The first lane from `preferred` whose lock file no live process holds (`swift test --parallel` runs test
    /// processes side by side); the lock is held until this process ends, whatever way it ends.
    private static func claimLane(preferred: Int) -> Int {
        for lane in Array(preferred...4) + Array(0..<preferred) {
            let fd = open("/tmp/eft-\(TestMailStack.worktreeShift)-\(lane).lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 { return lane } // fd kept open: the lock lives with us
            if fd >= 0 { close(fd) }
        }
        return preferred
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started = false
    nonisolated(unsafe) private static var watchdog: pid_t = 0
    nonisolated(unsafe) private static var sessions: [String: TestIMAPSession] = [:]

    private static var script: String { TestMailStack.repoRoot + "/scripts/mailstack.sh" }
    private static var env: [String: String] {
        ["MAILSTACK_SMTP_PORT": "\(layout.smtpPort)", "MAILSTACK_IMAP_PORT": "\(layout.imapPort)",
         "MAILSTACK_ANY_USER_PASSWORD": password]
    }

    /// Starts the stack once per process.
    static func ensureStarted() throws {
        lock.lock(); defer { lock.unlock() }
        if started { return }
        let fm = FileManager.default
        if !layout.owned {
            guard layout.smtpPort > 0, layout.imapPort > 0 else {
                throw TestNetError("ESPACE_TEST_MAILSTACK=\(layout.dir): no ports.env (is the stack started?)")
            }
            try? fm.removeItem(atPath: layout.root)
            try fm.createDirectory(atPath: layout.root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            started = true
            return
        }
        try reclaim()
        try? fm.removeItem(atPath: layout.root)
        try fm.createDirectory(atPath: layout.root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try "\(getpid())\n".write(toFile: layout.root + "/owner.pid", atomically: true, encoding: .utf8)
        let r = try TestMailStack.run(["bash", script, "start", layout.dir], env: env)
        guard r.status == 0 else {
            _ = try? TestMailStack.run(["bash", script, "stop", layout.dir], env: env)
            throw NSError(domain: "mailstack start", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: String(decoding: r.out, as: UTF8.self)])
        }
        watchdog = try startWatchdog()
        try "\(watchdog)\n".write(toFile: layout.root + "/watchdog.pid", atomically: true, encoding: .utf8)
        started = true
        XCTestObservationCenter.shared.addTestObserver(StopAtEnd())
        atexit { SharedMailStack.stop() }
    }

    /// A previous run of this checkout and lane that died (this process holds the lane's lock): stop what its pid
    /// files name.
    private static func reclaim() throws {
        if let w = readPid(layout.root + "/watchdog.pid"), kill(w, 0) == 0, cmdline(w).contains("mailstack-watchdog") {
            kill(-w, SIGTERM)
        }
        if FileManager.default.fileExists(atPath: layout.dir) {
            _ = try? TestMailStack.run(["bash", script, "stop", layout.dir], env: env)
        }
    }

    private static func readPid(_ path: String) -> pid_t? {
        guard let s = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return pid_t(s.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func cmdline(_ pid: pid_t) -> String {
        guard let d = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return String(decoding: d.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
    }

    /// `sh` in its own process group: waits for this process to end (or for SIGUSR1, sent when the tests are
    /// done), then stops the stack by its pid files. Dovecot takes seconds to stop: the test process need not wait.
    private static func startWatchdog() throws -> pid_t {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // Its own process group: a Ctrl-C to the test run does not reach it, and kill(-pid) ends it with `tail`.
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, layout.root + "/watchdog.log", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let body = "trap 'kill $t 2>/dev/null' USR1; tail --pid=\"$1\" -f /dev/null & t=$!; wait $t; wait $t; exec bash \"$2\" stop \"$3\""
        let args = ["/bin/sh", "-c", body, "mailstack-watchdog", "\(getpid())", script, layout.dir]
        let environment = ProcessInfo.processInfo.environment.merging(env) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, envp)
        guard rc == 0 else { throw NSError(domain: "spawn watchdog", code: Int(rc)) }
        return pid
    }

    /// Stops the stack this process started (idempotent): the watchdog does it now, in the background.
    static func stop() {
        lock.lock(); defer { lock.unlock() }
        guard started else { return }
        started = false
        sessions.removeAll()
        guard layout.owned else { return }
        try? FileManager.default.removeItem(atPath: layout.root + "/owner.pid")
        if watchdog > 0, kill(watchdog, SIGUSR1) == 0 { return }
        _ = try? TestMailStack.run(["bash", script, "stop", layout.dir], env: env)
    }

    private final class StopAtEnd: NSObject, XCTestObservation {
        func testBundleDidFinish(_ testBundle: Bundle) { SharedMailStack.stop() }
    }

    // MARK: - Looking into mailboxes

    /// Runs `body` with `user`'s open IMAP session (logged in once); a broken connection is replaced once.
    static func withSession<T>(_ user: String, _ body: (TestIMAPSession) throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        let key = user.lowercased()
        for attempt in 0..<2 {
            let session: TestIMAPSession
            if let s = sessions[key] { session = s } else {
                session = try TestIMAPSession(port: layout.imapPort, user: key, password: password)
                sessions[key] = session
            }
            do { return try body(session) } catch {
                sessions[key] = nil
                if attempt == 1 { throw error }
            }
        }
        fatalError("unreachable")
    }

    /// Postfix's queue folders: a message is in one of them from the moment the SMTP server accepts it until it is
    /// delivered to Dovecot.
    static var queueDirs: [String] {
        let sockroot = layout.dir + "/sockroot"
        let root = FileManager.default.fileExists(atPath: sockroot) ? sockroot : layout.dir
        return ["maildrop", "incoming", "active", "deferred", "hold"].map { root + "/spool/" + $0 }
    }

    /// Names of the queue files (Postfix's queue ids of the mails not yet delivered).
    static func queued() -> [String] {
        var ids: [String] = []
        for dir in queueDirs {
            guard let e = FileManager.default.enumerator(atPath: dir) else { continue }
            while let f = e.nextObject() as? String {
                if (e.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { ids.append((f as NSString).lastPathComponent) }
            }
        }
        return ids
    }

    static func queuedCount() -> Int { queued().count }

    /// Waits until the mail Postfix queued as `queueId` has left its queue (delivered); without an id, until the
    /// queue is empty.
    static func waitDelivered(queueId: String?, seconds: Double = 15) {
        guard let queueId, !queueId.isEmpty else { settle(seconds: seconds); return }
        let deadline = Date().addingTimeInterval(seconds)
        while queued().contains(queueId) && Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
    }

    /// Waits until every accepted mail is delivered (the queue is empty); false if `seconds` pass first.
    @discardableResult
    static func settle(seconds: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while queuedCount() > 0 {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    /// Every mailbox on the stack, as `user@domain` (Dovecot keeps them at mail/DOMAIN/USER).
    static func mailboxes() -> [String] {
        let mail = layout.dir + "/mail"
        var out: [String] = []
        for domain in (try? FileManager.default.contentsOfDirectory(atPath: mail)) ?? [] {
            for user in (try? FileManager.default.contentsOfDirectory(atPath: mail + "/" + domain)) ?? [] {
                out.append("\(user)@\(domain)")
            }
        }
        return out.sorted()
    }

    /// Empties every folder of every mailbox once nothing is on its way: each class starts from empty mailboxes and
    /// an unclaimed service mailbox, as it did with a stack of its own.
    static func reset() throws {
        settle()
        for user in mailboxes() {
            try withSession(user) { s in
                for folder in try s.folders() { try s.clear(folder) }
            }
        }
    }
}
