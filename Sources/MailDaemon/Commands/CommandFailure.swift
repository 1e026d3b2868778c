import ArgumentParser
import Foundation

/// A refusal at run time (bad configuration, store in use, mailbox claimed): the message alone, no usage line
/// (ArgumentParser prints one for ValidationError and exit code 64, which would suggest a typing mistake).
struct CommandFailure: Error, CustomStringConvertible, LocalizedError, CustomNSError {
    /// sysexits.h: EX_CONFIG (configuration refused), EX_TEMPFAIL (store or mailbox in use: try later).
    static let config: Int32 = 78, busy: Int32 = 75
    var errorDescription: String? { message }
    var errorCode: Int { Int(exitCode) }

    let message: String
    let exitCode: Int32
    init(_ message: String, exitCode: Int32 = 1) { self.message = message; self.exitCode = exitCode }
    var description: String { message }

    /// Prints the message on stderr and returns the exit code to throw: ArgumentParser ends silently on an
    /// ExitCode, so the message stands alone.
    static func report(_ error: Error) -> ExitCode {
        if let code = error as? ExitCode { return code }
        let f = error as? CommandFailure ?? CommandFailure("\(error)")
        FileHandle.standardError.write(Data(("maildaemon : " + f.message + "\n").utf8))
        return ExitCode(f.exitCode)
    }
}
