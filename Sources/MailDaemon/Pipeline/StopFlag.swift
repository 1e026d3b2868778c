import Foundation

/// Set once by SIGINT/SIGTERM; read between two messages and between two replies, from any thread.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    private var observers: [@Sendable () -> Void] = []

    init() {}

    var requested: Bool { lock.withLock { set } }

    func request() {
        let toCall: [@Sendable () -> Void] = lock.withLock {
            guard !set else { return [] }
            set = true
            return observers
        }
        toCall.forEach { $0() }
    }

    /// Called once when stop is requested (wakes sleeping loops).
    func onRequest(_ body: @escaping @Sendable () -> Void) {
        let now: Bool = lock.withLock {
            if set { return true }
            observers.append(body)
            return false
        }
        if now { body() }
    }

    /// A flag never set: `runOnce` in tests and tools.
    static var never: StopFlag { StopFlag() }
}
