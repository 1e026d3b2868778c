import Foundation
import GRDB

/// What went wrong, in words staff can act on, and whether trying again later can succeed.
/// Transient: the disk or the store (full, locked, I/O error, no permission) — the mail stays in the inbox and is
/// handled when the cause is gone. Anything else is the message's own problem and goes to review.
struct FailureCause: CustomStringConvertible {
    let transient: Bool
    let text: String
    var description: String { text }

    init(_ error: Error) {
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_FULL: self.init(true, "base de données pleine (disque plein ?)")
            case .SQLITE_BUSY, .SQLITE_LOCKED: self.init(true, "base de données verrouillée par un autre programme")
            case .SQLITE_IOERR: self.init(true, "erreur d’entrée-sortie sur la base de données (\(e.message ?? ""))")
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
                self.init(true, "base de données non modifiable (\(e.message ?? "droits ?"))")
            default: self.init(false, "base de données : \(e.message ?? "\(e.resultCode)")")
            }
            return
        }
        let ns = error as NSError
        let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError
        var errnoValue: Int32?
        if ns.domain == NSPOSIXErrorDomain { errnoValue = Int32(ns.code) }
        else if underlying?.domain == NSPOSIXErrorDomain { errnoValue = Int32(underlying!.code) }
        let at = path.map { " : \($0)" } ?? ""
        if let code = errnoValue, let words = FailureCause.transientErrno[code] {
            self.init(true, words + at)
            return
        }
        if ns.domain == NSCocoaErrorDomain, (512...642).contains(ns.code) || ns.code == 4 {
            // Foundation's file write errors (512 is "unknown": createFile gives no reason; it is nearly always a
            // full disk or a missing permission).
            let what = ns.code == CocoaError.fileWriteOutOfSpace.rawValue ? "disque plein"
                : ns.code == CocoaError.fileWriteNoPermission.rawValue ? "droits insuffisants"
                : ns.code == CocoaError.fileWriteVolumeReadOnly.rawValue ? "volume en lecture seule"
                : "écriture impossible (disque plein ou droits insuffisants ?)"
            self.init(true, what + at)
            return
        }
        if let e = error as? MailTransportError { self.init(true, "serveur de messagerie : \(e)"); return }
        self.init(false, "\(error)")
    }

    private init(_ transient: Bool, _ text: String) { self.transient = transient; self.text = text }

    static let transientErrno: [Int32: String] = [
        ENOSPC: "disque plein", EDQUOT: "quota disque dépassé", EIO: "erreur d’entrée-sortie",
        EROFS: "volume en lecture seule", EACCES: "droits insuffisants", EPERM: "opération non permise",
        ENOENT: "dossier introuvable", EMFILE: "trop de fichiers ouverts", ENFILE: "trop de fichiers ouverts",
    ]
}
