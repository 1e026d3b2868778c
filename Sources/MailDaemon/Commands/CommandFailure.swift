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

    /// Prints the message on stderr and exits; used at the top of commands.
    static func exit(_ error: Error) -> Never {
        let f = error as? CommandFailure ?? CommandFailure("\(error)")
        FileHandle.standardError.write(Data(("maildaemon : " + f.message + "\n").utf8))
        Foundation.exit(f.exitCode)
    }
}
