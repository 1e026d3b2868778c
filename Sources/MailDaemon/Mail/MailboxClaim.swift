import EspaceCore
import Foundation
import GRDB

/// One store per mailbox. The store that runs against a mailbox leaves a marker message, carrying its identity in
/// a header, in a private folder of that mailbox; a store that finds another's marker refuses to run (it would apply
/// and answer every mail a second time) unless told to take over. Read with SEARCH HEADER, whose answer is one line.
struct MailboxClaim {
    static let folder = "EspaceFamille-Base"
    static let header = "X-Espace-Famille-Store"

    enum Status: Equatable {
        case free
        case ours
        /// Claimed by another store (`uids` are its markers).
        case other(uids: [Int64])
    }

    let imap: IMAPClient
    let storeId: String

    /// This store's identity, created the first time it is asked for.
    static func storeIdentity(_ store: Store) throws -> String {
        try store.write { db in
            if let id = try StoreMeta.get(db, "store_id") { return id }
            let id = UUID().uuidString.lowercased()
            try StoreMeta.set(db, "store_id", id)
            return id
        }
    }

    func status() throws -> Status {
        guard try imap.hasFolder(MailboxClaim.folder) else { return .free }
        let all = try imap.search(MailboxClaim.folder, "ALL")
        if all.isEmpty { return .free }
        let mine = Set(try imap.search(MailboxClaim.folder, "HEADER \(MailboxClaim.header) \"\(storeId)\""))
        let others = all.filter { !mine.contains($0) }
        return others.isEmpty ? .ours : .other(uids: others)
    }

    /// Claims the mailbox for this store; with `takeOver`, removes another store's markers first. The oldest
    /// marker wins a race between two stores starting at once.
    func claim(storePath: String, takeOver: Bool) throws -> Status {
        switch try status() {
        case .ours: return .ours
        case .other(let uids):
            guard takeOver else { return .other(uids: uids) }
            try imap.delete(MailboxClaim.folder, uids: uids)
        case .free: break
        }
        try imap.ensureFolder(MailboxClaim.folder)
        try imap.append(MailboxClaim.folder, raw: marker(storePath: storePath))
        let all = try imap.search(MailboxClaim.folder, "ALL")
        let mine = Set(try imap.search(MailboxClaim.folder, "HEADER \(MailboxClaim.header) \"\(storeId)\""))
        if let first = all.first, !mine.contains(first) {
            try imap.delete(MailboxClaim.folder, uids: Array(mine))
            return .other(uids: all.filter { !mine.contains($0) })
        }
        return .ours
    }

    private func marker(storePath: String) -> [UInt8] {
        let host = ProcessInfo.processInfo.hostName
        let date = Date().formatted(.iso8601)
        let lines = [
            "From: maildaemon <maildaemon@localhost>", "Subject: Espace Famille : boîte réservée par une base",
            "Date: \(MimeWriter.rfc5322Date(Date()))",
            "\(MailboxClaim.header): \(storeId)", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit", "",
            "Cette boîte est relevée par maildaemon avec la base \(storePath) sur \(host) (depuis \(date)).",
            "Ne pas supprimer : un second démon sur une autre base appliquerait et répondrait deux fois à chaque message.",
            "Pour changer de base : maildaemon run --take-over.", "",
        ]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
