import EspaceCore
import Foundation
import GRDB
import Logging

/// UIDVALIDITY of the inbox, compared with the one last seen. When the server renumbers the mailbox (restore,
/// migration), old UIDs mean nothing: every message is re-read and recognised by its Message-ID (or the hash of its
/// bytes), which is how the ledger keys messages anyway, so nothing is applied twice.
enum MailboxValidity {
    static func check(store: Store, mailbox: String, validity: Int64, log: Logger) throws {
        let key = "uidvalidity:" + mailbox
        let previous = try store.read { db in try StoreMeta.get(db, key) }
        guard previous != String(validity) else { return }
        if let previous {
            log.warning("UIDVALIDITY de \(mailbox) a changé (\(previous) → \(validity)) : la boîte a été renumérotée ; chaque message est relu et reconnu par son Message-ID, rien n’est appliqué deux fois")
        }
        try store.write { db in
            try StoreMeta.set(db, key, String(validity))
            if let previous {
                try AuditRecord.log(db, at: Date(), message: nil, family: nil, actor: "daemon", action: "uidvalidity-changed",
                                    detail: "\(mailbox) : \(previous) → \(validity)")
            }
        }
    }
}
