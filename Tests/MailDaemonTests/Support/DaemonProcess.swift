import EspaceCore
import Foundation
import XCTest

/// The real `maildaemon` binary as a child process, to kill it like an operator or a crash would.
struct DaemonProcess {
    let pid: pid_t

    static var binary: String { TestMailStack.repoRoot + "/.build/debug/maildaemon" }

    /// Starts `maildaemon ARGS` with its output appended to `log`.
    static func start(_ args: [String], log: String, env: [String: String] = [:]) throws -> DaemonProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let environment = ProcessInfo.processInfo.environment.merging(env) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard rc == 0 else { throw NSError(domain: "spawn \(binary)", code: Int(rc)) }
        return DaemonProcess(pid: pid)
    }

    /// Sends `signal` and reaps the process; returns its exit status (128 + signal when killed).
    @discardableResult
    func stop(_ signal: Int32) -> Int32 {
        kill(pid, signal)
        return wait()
    }

    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let termsig = status & 0x7f
        return termsig == 0 ? (status >> 8) & 0xff : 128 + termsig
    }

    /// Runs `maildaemon ARGS` to the end: exit status and everything it printed.
    static func run(_ args: [String], env: [String: String] = [:]) throws -> (status: Int32, out: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("md-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let status = try start(args, log: log, env: env).wait()
        return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    /// Writes `settings` as a configuration file the binary reads.
    static func writeConfig(_ settings: Settings, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(settings).write(to: URL(fileURLWithPath: path))
    }
}
