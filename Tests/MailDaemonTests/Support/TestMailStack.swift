import Foundation
import XCTest

/// A real Postfix + Dovecot pair on 127.0.0.1, started by the project's own script for one test class.
/// Tests talk to it with the curl command line, as a parent's mail client would, independently of the daemon's code.
final class TestMailStack {
    let state: String
    let smtpPort: Int
    let imapPort: Int
    let password = "test-secret"
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    init(name: String, smtpPort: Int, imapPort: Int) {
        let shift = TestMailStack.worktreeShift
        state = "/tmp/eft-\(name)-\(shift)"
        self.smtpPort = smtpPort + shift
        self.imapPort = imapPort + shift
    }

    /// Several checkouts of the project (git worktrees) may run their suites at the same time on one machine: each
    /// gets its own ports and state folders, shifted by 10…900 from a hash of its path (a multiple of 10, so one
    /// checkout's SMTP port never meets another's IMAP port: they end in 25 and 43).
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

    private var env: [String: String] { ["MAILSTACK_SMTP_PORT": "\(smtpPort)", "MAILSTACK_IMAP_PORT": "\(imapPort)"] }

    func start(users: [String]) throws {
        try? TestMailStack.run(["bash", "\(TestMailStack.repoRoot)/scripts/mailstack.sh", "stop", "\(state)/stack"], env: env)
        try? FileManager.default.removeItem(atPath: state)
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        for u in users {
            let r = try TestMailStack.run(["bash", "\(TestMailStack.repoRoot)/scripts/mailstack.sh", "adduser", "\(state)/stack", u, password], env: env)
            guard r.status == 0 else { throw NSError(domain: "mailstack adduser", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: String(decoding: r.out, as: UTF8.self)]) }
        }
        let r = try TestMailStack.run(["bash", "\(TestMailStack.repoRoot)/scripts/mailstack.sh", "start", "\(state)/stack"], env: env)
        guard r.status == 0 else {
            throw NSError(domain: "mailstack start", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: String(decoding: r.out, as: UTF8.self)])
        }
    }

    func stop() {
        _ = try? TestMailStack.run(["bash", "\(TestMailStack.repoRoot)/scripts/mailstack.sh", "stop", "\(state)/stack"], env: env)
    }

    /// Submits a raw message over SMTP, like a mail client.
    func send(_ raw: Data, from: String, to: String) throws {
        let r = try TestMailStack.run(["curl", "-sS", "--fail", "smtp://127.0.0.1:\(smtpPort)", "--mail-from", from,
                                       "--mail-rcpt", to, "-T", "-"], stdin: raw)
        guard r.status == 0 else { throw NSError(domain: "smtp", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: String(decoding: r.out, as: UTF8.self)]) }
    }

    func uids(_ user: String, folder: String = "INBOX") throws -> [Int] {
        let r = try TestMailStack.run(["curl", "-sS", "imap://127.0.0.1:\(imapPort)/\(folder)", "-u", "\(user):\(password)", "-X", "UID SEARCH ALL"])
        return String(decoding: r.out, as: UTF8.self).split(whereSeparator: \.isNewline)
            .filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.dropFirst(8).split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    }

    func fetch(_ user: String, uid: Int, folder: String = "INBOX") throws -> String {
        let r = try TestMailStack.run(["curl", "-sS", "imap://127.0.0.1:\(imapPort)/\(folder)/;UID=\(uid)", "-u", "\(user):\(password)"])
        return String(decoding: r.out, as: UTF8.self)
    }

    /// Every message in the mailbox, raw.
    func messages(_ user: String, folder: String = "INBOX") throws -> [String] {
        try uids(user, folder: folder).map { try fetch(user, uid: $0, folder: folder) }
    }

    /// Waits (bounded) until the mailbox holds at least `count` messages.
    @discardableResult
    func waitFor(_ user: String, count: Int, folder: String = "INBOX", seconds: Double = 15) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var n = 0
        repeat {
            n = try uids(user, folder: folder).count
            if n >= count { return n }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return n
    }
}
