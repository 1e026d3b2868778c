import GRDB

/// A message's state in the ledger (`message.state`), stored as its raw value.
public enum LedgerState: String, Codable, Sendable, DatabaseValueConvertible {
    /// Remembered; its transaction has not committed (being handled, interrupted, or deferred by a transient error).
    case received
    case processed
    /// Filed for a person: not verified, not understood, poison, or a permanent error.
    case review
    /// Automated mail, filed without a reply.
    case ignored
}
