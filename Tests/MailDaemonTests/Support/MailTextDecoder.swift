import Foundation

/// `scripts/show-mail.py --serve`, started once: Python's email package decodes every received mail (independent of
/// our parser) without a Python start per mail. Falls back to one process per mail if the server is gone.
final class MailTextDecoder: @unchecked Sendable {
    static let shared = MailTextDecoder()

    private let lock = NSLock()
    private var pid: pid_t = 0
    private var toChild: FileHandle?
    private var fromChild: FileHandle?

    private func launch() throws {
        signal(SIGPIPE, SIG_IGN) // a server that died is an error to handle, not the end of the test process
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0]
        guard pipe(&inPipe) == 0, pipe(&outPipe) == 0 else { throw TestNetError("pipe: errno \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for fd in inPipe + outPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        let args = ["/usr/bin/env", "python3", TestMailStack.repoRoot + "/scripts/show-mail.py", "--serve"]
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, "/usr/bin/env", &actions, nil, argv, envp)
        close(inPipe[0]); close(outPipe[1])
        guard rc == 0 else { close(inPipe[1]); close(outPipe[0]); throw NSError(domain: "spawn show-mail.py", code: Int(rc)) }
        // The write end must not leak into later children (their exit would then never give the server EOF).
        _ = fcntl(inPipe[1], F_SETFD, FD_CLOEXEC); _ = fcntl(outPipe[0], F_SETFD, FD_CLOEXEC)
        pid = child
        toChild = FileHandle(fileDescriptor: inPipe[1], closeOnDealloc: true)
        fromChild = FileHandle(fileDescriptor: outPipe[0], closeOnDealloc: true)
    }

    private func readLine(_ h: FileHandle) throws -> String {
        var bytes: [UInt8] = []
        while true {
            guard let b = try h.read(upToCount: 1), let c = b.first else { throw TestNetError("show-mail.py ended") }
            if c == 10 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(c)
        }
    }

    private func decodeOverServer(_ raw: Data) throws -> String {
        if pid == 0 { try launch() }
        guard let w = toChild, let r = fromChild else { throw TestNetError("show-mail.py not running") }
        try w.write(contentsOf: Data("\(raw.count)\n".utf8) + raw)
        guard let n = Int(try readLine(r)) else { throw TestNetError("show-mail.py: bad answer") }
        var text = Data()
        while text.count < n {
            guard let chunk = try r.read(upToCount: n - text.count), !chunk.isEmpty else { throw TestNetError("show-mail.py ended") }
            text += chunk
        }
        return String(decoding: text, as: UTF8.self)
    }

    func plainText(_ raw: String) throws -> String {
        lock.lock(); defer { lock.unlock() }
        do { return try decodeOverServer(Data(raw.utf8)) } catch {
            if pid > 0 { kill(pid, SIGTERM); var s: Int32 = 0; waitpid(pid, &s, 0) }
            pid = 0; toChild = nil; fromChild = nil
            let r = try TestMailStack.run(["python3", TestMailStack.repoRoot + "/scripts/show-mail.py"], stdin: Data(raw.utf8))
            return String(decoding: r.out, as: UTF8.self)
        }
    }
}
