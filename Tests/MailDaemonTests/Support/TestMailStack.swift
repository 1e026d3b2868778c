import Foundation
import XCTest

/// A test class's view of the real Postfix + Dovecot pair on 127.0.0.1 that the whole test process shares
/// (SharedMailStack, started by the project's own script once). Tests talk to it as a parent's mail client would,
/// over SMTP and IMAP, independently of the daemon's code; each class gets its own state folder and starts from
/// empty mailboxes.
final class TestMailStack {
    let state: String
    var smtpPort: Int { SharedMailStack.layout.smtpPort }
    var imapPort: Int { SharedMailStack.layout.imapPort }
    let password = SharedMailStack.password
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `smtpPort` and `imapPort` are those of a stack of its own in earlier versions, kept so that test classes
    /// written that way still compile: every class now uses the shared stack's ports.
    init(name: String, smtpPort: Int = 0, imapPort: Int = 0) {
        state = SharedMailStack.layout.root + "/" + name
    }

    /// Several checkouts of the project (git worktrees) may run their suites at the same time on one machine: each
    /// gets its own ports and state folders, shifted by 10…900 from a hash of its path (a multiple of 10; see
    /// SharedMailStack.layout for why ports of two checkouts never meet).
    static let worktreeShift: Int = {
        var h: UInt64 = 0xcbf29ce484222325
        for b in repoRoot.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return Int(h % 90 + 1) * 10
    }()

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot") && FileManager.default.isExecutableFile(atPath: "/usr/sbin/postfix")
            && getuid() == 0
    }

    /// Runs a command and waits for it alone. posix_spawn + waitpid rather than Foundation's Process, whose
    /// waitUntilExit never returns when the command leaves daemons behind (the mail servers).
    @discardableResult
    static func run(_ args: [String], env: [String: String] = [:], stdin: Data? = nil) throws -> (status: Int32, out: Data) {
        let tmp = FileManager.default.temporaryDirectory
        let outPath = tmp.appendingPathComponent("eft-\(UUID().uuidString)").path
        var inPath = "/dev/null"
        if let stdin {
            inPath = tmp.appendingPathComponent("eft-in-\(UUID().uuidString)").path
            try stdin.write(to: URL(fileURLWithPath: inPath))
        }
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            if stdin != nil { try? FileManager.default.removeItem(atPath: inPath) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let environment = ProcessInfo.processInfo.environment.merging(env) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
        guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let out = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        return ((status >> 8) & 0xff, out)
    }

    /// Makes sure the shared stack runs, empties every mailbox on it, and gives this class a fresh state folder
    /// in which `stack/` is the stack's own folder (its Maildirs under `stack/mail/DOMAIN/USER`). Any address logs in
    /// with `password`: `users` need not be created.
    func start(users: [String] = []) throws {
        try SharedMailStack.ensureStarted()
        try SharedMailStack.reset()
        try? FileManager.default.removeItem(atPath: state)
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.createSymbolicLink(atPath: state + "/stack", withDestinationPath: SharedMailStack.layout.dir)
    }

    /// The shared stack outlives the class; it is stopped when the test process ends.
    func stop() {}

    /// Submits a raw message over SMTP, like a mail client, and returns once Postfix has delivered it: mails sent
    /// one after the other arrive in that order (Postfix would otherwise deliver a burst in parallel).
    func send(_ raw: Data, from: String, to: String) throws {
        let id = try TestSMTPSubmission.send(raw, from: from, to: to, port: smtpPort)
        SharedMailStack.waitDelivered(queueId: id)
    }

    func uids(_ user: String, folder: String = "INBOX") throws -> [Int] {
        try SharedMailStack.withSession(user) { try $0.uids(folder) }
    }

    func fetch(_ user: String, uid: Int, folder: String = "INBOX") throws -> String {
        String(decoding: try SharedMailStack.withSession(user) { try $0.fetch(folder, uid: uid) }, as: UTF8.self)
    }

    /// Every message in the mailbox, raw.
    func messages(_ user: String, folder: String = "INBOX") throws -> [String] {
        try uids(user, folder: folder).map { try fetch(user, uid: $0, folder: folder) }
    }

    /// Waits (bounded) until the mailbox holds at least `count` messages; IMAP IDLE tells of each delivery.
    @discardableResult
    func waitFor(_ user: String, count: Int, folder: String = "INBOX", seconds: Double = 15) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        return try SharedMailStack.withSession(user) { try $0.waitFor(count: count, folder: folder, deadline: deadline) }
    }

    /// Waits until every mail the servers accepted is delivered: after it, a mailbox's count is final (a reply
    /// that should not exist would be there).
    @discardableResult
    func settle(seconds: Double = 15) -> Bool { SharedMailStack.settle(seconds: seconds) }
}
