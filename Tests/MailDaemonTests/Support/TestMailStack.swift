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
        state = "/tmp/eft-\(name)"
        self.smtpPort = smtpPort
        self.imapPort = imapPort
    }

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot") && FileManager.default.isExecutableFile(atPath: "/usr/sbin/postfix")
            && getuid() == 0
    }

    @discardableResult
    static func run(_ args: [String], env: [String: String] = [:], stdin: Data? = nil) throws -> (status: Int32, out: Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("eft-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        let out = try FileHandle(forWritingTo: outFile)
        p.standardOutput = out
        p.standardError = out
        if let stdin {
            let inFile = FileManager.default.temporaryDirectory.appendingPathComponent("eft-in-\(UUID().uuidString)")
            try stdin.write(to: inFile)
            p.standardInput = try FileHandle(forReadingFrom: inFile)
        } else {
            p.standardInput = FileHandle.nullDevice
        }
        try p.run()
        p.waitUntilExit()
        try out.close()
        let data = (try? Data(contentsOf: outFile)) ?? Data()
        try? FileManager.default.removeItem(at: outFile)
        return (p.terminationStatus, data)
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
