import Foundation
import Logging

/// `run` sends its replies from a child process (`maildaemon send-replies`), woken through a pipe after each commit.
///
/// Why a process and not only a thread: an SMTP transaction's outcome is unknown from the end of DATA until the
/// server's 250 is read and journaled — for Postfix, the whole time it takes to queue the message (milliseconds,
/// most of the transaction). A daemon killed then (a crash while reading a hostile mail, the OOM killer, kill -9)
/// would leave that reply in doubt and send it again. The child is not killed with it: it sees the pipe close,
/// completes the transaction in flight, records it and exits (`SendingLoop` `finish`), so the death of the daemon
/// costs no duplicate. SIGTERM still reaches it (directly from systemd's cgroup, or forwarded by `stop()`) and
/// aborts at once. A second sender for the same store waits for it (`SenderLock`).
final class SenderProcess: @unchecked Sendable {
    private let configPath: String
    private let log: Logger
    private let lock = NSLock()
    private var process: Process?
    private var pipe: Pipe?
    private var stopping = false
    private var lastStart = Date.distantPast

    init(configPath: String, log: Logger) {
        self.configPath = configPath; self.log = log
        signal(SIGPIPE, SIG_IGN) // a write to the pipe of a sender that died must not kill the daemon
    }

    func start() throws {
        try lock.withLock { try spawn() }
    }

    private func spawn() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        p.arguments = ["send-replies", "--config", configPath]
        let pipe = Pipe()
        p.standardInput = pipe
        try p.run()
        let fd = pipe.fileHandleForWriting.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) // a sender stuck on a hung server never blocks us
        process = p; self.pipe = pipe; lastStart = Date()
    }

    /// New replies were committed. A sender that died (crash) is started again, at most every 5 s.
    func wake() {
        lock.withLock {
            guard !stopping else { return }
            if let p = process, !p.isRunning, Date().timeIntervalSince(lastStart) > 5 {
                log.error("processus d’envoi arrêté (code \(p.terminationStatus)) : relancé")
                do { try spawn() } catch { log.error("processus d’envoi non relancé : \(error)") }
            }
            guard let fd = pipe?.fileHandleForWriting.fileDescriptor else { return }
            var byte: UInt8 = 1
            _ = write(fd, &byte, 1) // EAGAIN: it has wake-ups pending already
        }
    }

    /// SIGTERM to the sender (it aborts the reply in flight, which keeps its `sending` mark) and waits for it.
    func stop() {
        let p: Process? = lock.withLock { stopping = true; return process }
        guard let p else { return }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        lock.withLock { try? pipe?.fileHandleForWriting.close() }
    }
}
