import Foundation

/// Submits one message over SMTP as a mail client does (EHLO with the host name, dot-stuffing), in process: the
/// tests send hundreds of mails and a curl process per mail was a good part of the suite's time.
enum TestSMTPSubmission {
    /// Returns Postfix's queue id of the message ("250 2.0.0 Ok: queued as ID"), nil if the reply has none.
    @discardableResult
    static func send(_ raw: Data, from: String, to: String, port: Int) throws -> String? {
        let c = try LoopbackConnection(port: port)
        try expect(c, 220, "greeting")
        try c.write("EHLO \(ProcessInfo.processInfo.hostName)\r\n")
        try expect(c, 250, "EHLO")
        try c.write("MAIL FROM:<\(from)>\r\n")
        try expect(c, 250, "MAIL FROM")
        try c.write("RCPT TO:<\(to)>\r\n")
        try expect(c, 250, "RCPT TO")
        try c.write("DATA\r\n")
        try expect(c, 354, "DATA")
        try c.write(stuffed(raw))
        let accepted = try expect(c, 250, "end of data")
        try? c.write("QUIT\r\n")
        guard let r = accepted.range(of: "queued as ") else { return nil }
        return String(accepted[r.upperBound...].prefix { $0.isLetter || $0.isNumber })
    }

    /// The message with a dot doubled at the start of each line, ended by CRLF "." CRLF.
    static func stuffed(_ raw: Data) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + 64)
        var lineStart = true
        for b in raw {
            if lineStart && b == UInt8(ascii: ".") { out.append(b) }
            out.append(b)
            lineStart = b == 10
        }
        if !out.isEmpty && out.last != 10 { out += [13, 10] }
        out += Array(".\r\n".utf8)
        return out
    }

    /// Reads a (possibly multi-line) reply and checks its code.
    @discardableResult
    private static func expect(_ c: LoopbackConnection, _ code: Int, _ step: String) throws -> String {
        var lines: [String] = []
        while true {
            let line = try c.readLineText()
            lines.append(line)
            // "250-…" continues, "250 …" (or a bare code) ends the reply.
            if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
        }
        guard let last = lines.last, Int(last.prefix(3)) == code else {
            throw TestNetError("SMTP \(step): \(lines.joined(separator: " / "))")
        }
        return last
    }
}
