import Foundation

/// An advisory lock (flock) on a file beside the store, held for one sending pass: one sender per store at a time,
/// across processes. Released by the kernel when its holder dies.
final class SenderLock {
    private let fd: Int32

    init(path: String) {
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// True when taken at once (or when the lock file cannot be opened: a lock that cannot exist stops nothing).
    func tryAcquire() -> Bool { fd < 0 || flock(fd, LOCK_EX | LOCK_NB) == 0 }

    func acquire() {
        guard fd >= 0 else { return }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() { if fd >= 0 { flock(fd, LOCK_UN) } }
}
