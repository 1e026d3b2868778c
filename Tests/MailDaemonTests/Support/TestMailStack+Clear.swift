import Foundation

extension TestMailStack {
    /// Empties these folders of each user (tests of one class share the stack; each starts from empty mailboxes).
    func clear(_ users: [String], folders: [String] = ["INBOX", "Processed", "NeedsReview", "EspaceFamille-Base"]) {
        for user in users {
            for folder in folders {
                for command in ["UID STORE 1:* +FLAGS.SILENT (\\Deleted)", "EXPUNGE"] {
                    _ = try? TestMailStack.run(["curl", "-sS", "imap://127.0.0.1:\(imapPort)/\(folder)", "-u",
                                                "\(user):\(password)", "-X", command])
                }
            }
        }
    }
}
