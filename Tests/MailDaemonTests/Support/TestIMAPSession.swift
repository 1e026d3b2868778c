import Foundation

/// One logged-in IMAP connection kept open for the whole test process: the tests look into mailboxes as a mail
/// client would, and wait for a delivery with IDLE (Dovecot tells at once) instead of spawning curl in a loop.
/// Deliberately small and independent of the daemon's own IMAP code.
final class TestIMAPSession {
    struct Response {
        var ok: Bool
        var status: String
        var untagged: [String]
        var literals: [[UInt8]]
    }

    private let connection: LoopbackConnection
    private var tag = 0

    init(port: Int, user: String, password: String) throws {
        connection = try LoopbackConnection(port: port)
        let greeting = try connection.readLineText()
        guard greeting.hasPrefix("* OK") else { throw TestNetError("IMAP greeting: \(greeting)") }
        let login = try command("LOGIN \(Self.quote(user)) \(Self.quote(password))")
        guard login.ok else { throw TestNetError("IMAP LOGIN \(user): \(login.status)") }
    }

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    func command(_ text: String) throws -> Response {
        tag += 1
        let t = "t\(tag)"
        try connection.write("\(t) \(text)\r\n")
        return try response(tag: t)
    }

    private func response(tag t: String) throws -> Response {
        var untagged: [String] = [], literals: [[UInt8]] = []
        while true {
            var line = try connection.readLineText()
            // A line ending in {n} announces n raw bytes, after which the same response goes on.
            while let n = Self.literalSize(line) {
                literals.append(try connection.read(count: n))
                line += " " + (try connection.readLineText())
            }
            if line.hasPrefix(t + " ") {
                let status = String(line.dropFirst(t.count + 1))
                return Response(ok: status.hasPrefix("OK"), status: status, untagged: untagged, literals: literals)
            }
            untagged.append(line)
        }
    }

    private static func literalSize(_ line: String) -> Int? {
        guard line.hasSuffix("}"), let open = line.lastIndex(of: "{") else { return nil }
        return Int(line[line.index(after: open)..<line.index(before: line.endIndex)].trimmingCharacters(in: ["+"]))
    }

    private static func number(before word: String, in lines: [String]) -> Int? {
        for line in lines {
            let parts = line.split(separator: " ")
            if parts.count == 3, parts[0] == "*", parts[2].uppercased() == word { return Int(parts[1]) }
        }
        return nil
    }

    /// Opens `folder` read-only (a fresh view of it); its message count, nil when the folder does not exist.
    @discardableResult
    func examine(_ folder: String) throws -> Int? {
        let r = try command("EXAMINE \(Self.quote(folder))")
        return r.ok ? Self.number(before: "EXISTS", in: r.untagged) ?? 0 : nil
    }

    func uids(_ folder: String) throws -> [Int] {
        guard try examine(folder) != nil else { return [] }
        let r = try command("UID SEARCH ALL")
        return r.untagged.filter { $0.hasPrefix("* SEARCH") }
            .flatMap { $0.dropFirst(8).split(separator: " ").compactMap { Int($0) } }
    }

    /// The raw message (BODY.PEEK: the \Seen flag is left as it was).
    func fetch(_ folder: String, uid: Int) throws -> [UInt8] {
        guard try examine(folder) != nil else { return [] }
        let r = try command("UID FETCH \(uid) BODY.PEEK[]")
        return r.literals.first ?? []
    }

    /// Folder names of this mailbox.
    func folders() throws -> [String] {
        try command("LIST \"\" \"*\"").untagged.filter { $0.hasPrefix("* LIST ") }.compactMap { line in
            guard let close = line.firstIndex(of: ")") else { return nil }
            // After the flags: the delimiter (quoted or NIL), then the name (quoted or an atom).
            var rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("NIL") { rest = String(rest.dropFirst(3)) }
            else if rest.hasPrefix("\""), let end = rest.dropFirst().firstIndex(of: "\"") { rest = String(rest[rest.index(after: end)...]) }
            rest = rest.trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("\"") && rest.hasSuffix("\"") && rest.count >= 2 {
                rest = String(rest.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            }
            return rest
        }
    }

    /// Deletes every message of `folder` (absent folders are left alone).
    func clear(_ folder: String) throws {
        let r = try command("SELECT \(Self.quote(folder))")
        guard r.ok else { return }
        if (Self.number(before: "EXISTS", in: r.untagged) ?? 0) > 0 {
            _ = try command("UID STORE 1:* +FLAGS.SILENT (\\Deleted)")
            _ = try command("EXPUNGE")
        }
        _ = try command("UNSELECT")
    }

    /// Waits until `folder` holds at least `count` messages or `deadline` passes; returns the count then.
    /// IDLE: Dovecot reports each delivery as it happens (inotify); each IDLE round is capped at a second so
    /// that a missed notification costs at most that.
    func waitFor(count: Int, folder: String, deadline: Date) throws -> Int {
        var current = try examine(folder)
        while current == nil && Date() < deadline {
            // A folder the daemon creates with the first mail it files there (IDLE needs it to exist).
            Thread.sleep(forTimeInterval: 0.02)
            current = try examine(folder)
        }
        guard var n = current else { return 0 }
        while n < count && Date() < deadline {
            tag += 1
            let t = "t\(tag)"
            try connection.write("\(t) IDLE\r\n")
            let round = min(deadline, Date().addingTimeInterval(1))
            var done = false
            while !done, let raw = try connection.readLine(before: round) {
                let line = String(decoding: raw, as: UTF8.self)
                if line.hasPrefix(t + " ") { throw TestNetError("IDLE refused: \(line)") }
                let parts = line.split(separator: " ")
                guard parts.count >= 3, parts[0] == "*", let k = Int(parts[1]) else { continue }
                switch parts[2].uppercased() {
                case "EXISTS": n = k
                case "EXPUNGE": n -= 1
                default: break
                }
                done = n >= count
            }
            try connection.write("DONE\r\n")
            _ = try response(tag: t)
            n = try examine(folder) ?? 0
        }
        return n
    }
}
