import Foundation

extension TestMailStack {
    /// Empties these folders of each user (tests of one class share the stack; each starts from empty mailboxes).
    func clear(_ users: [String], folders: [String] = ["INBOX", "Processed", "NeedsReview", "EspaceFamille-Base"]) {
        settle()
        for user in users {
            _ = try? SharedMailStack.withSession(user) { s in
                for folder in folders { try s.clear(folder) }
            }
        }
    }
}
