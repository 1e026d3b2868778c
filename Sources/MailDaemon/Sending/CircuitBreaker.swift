import Foundation

/// One per server. A server that times out or refuses connections is left alone for a cooldown (doubling up to
/// `maxCooldown`), so a hung server costs one timeout per cooldown, not one per reply waiting for it.
final class CircuitBreaker: @unchecked Sendable {
    let name: String
    let baseCooldown: TimeInterval
    let maxCooldown: TimeInterval
    private let lock = NSLock()
    private var failures = 0
    private var openUntil: Date?

    init(name: String, baseCooldown: TimeInterval = 30, maxCooldown: TimeInterval = 600) {
        self.name = name; self.baseCooldown = baseCooldown; self.maxCooldown = maxCooldown
    }

    /// False while the server is cooling down: nothing is tried against it.
    func allows(_ now: Date = Date()) -> Bool {
        lock.withLock { openUntil.map { now >= $0 } ?? true }
    }

    var reopensAt: Date? { lock.withLock { openUntil } }

    func succeeded() { lock.withLock { failures = 0; openUntil = nil } }

    /// Records a server-level failure and returns when the server will be tried again.
    @discardableResult
    func failed(_ now: Date = Date()) -> Date {
        lock.withLock {
            failures += 1
            let until = now.addingTimeInterval(min(baseCooldown * pow(2, Double(failures - 1)), maxCooldown))
            openUntil = until
            return until
        }
    }

    /// Errors that say the server itself is unreachable or unusable (not this one message): connection refused or
    /// timed out, TLS or login failure, connection dropped.
    static func isServerLevel(_ error: Error) -> Bool {
        guard let e = error as? MailTransportError else { return true } // no client at all (e.g. a secret missing)
        // 5/6 resolve, 7 connect, 28 timeout, 35/58/60 TLS, 52 nothing received, 56 receive error, 64 TLS required,
        // 67 login denied.
        return [5, 6, 7, 28, 35, 52, 56, 58, 60, 64, 67].contains(e.code)
    }
}
