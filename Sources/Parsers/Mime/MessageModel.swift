import Foundation
#if os(Linux)
import Synchronization
#endif

/// Bounds that keep hostile mail from costing unbounded time or memory.
public struct ParseLimits: Sendable {
    public var maxMessageBytes: Int = 64 << 20
    public var maxDepth: Int = 32
    public var maxParts: Int = 2_000
    public var maxHeaderBytes: Int = 256 << 10
    public static let `default` = ParseLimits()
    public init() {}
}

public struct EmailAddress: Sendable, Equatable, Hashable {
    public var name: String?
    /// As written; compare with `normalized`.
    public var address: String
    public init(name: String?, address: String) { self.name = name; self.address = address }
    /// Lower-cased address for lookups.
    public var normalized: String { address.lowercased() }
}

public struct HeaderField: Sendable, Equatable {
    public var name: String
    /// Unfolded raw value, not decoded.
    public var raw: String
    /// Decoded value (RFC 2047 words and charsets), for display and matching.
    public var value: String
    public init(name: String, raw: String, value: String) { self.name = name; self.raw = raw; self.value = value }
}

/// A header block. Parsed messages keep the block's bytes and where each field's name and value lie in them;
/// a field is unfolded and decoded only when asked for (most fields, `Received` and the like, never are).
public struct MessageHeaders: Sendable {
    struct Span: Sendable { var nameStart, nameEnd, valueStart, valueEnd: Int }
    /// Fields given whole (`init(fields:)`, or set through `fields`); nil for a parsed block.
    private var given: [HeaderField]?
    let bytes: [UInt8]
    let spans: [Span]

    public init(fields: [HeaderField]) { given = fields; bytes = []; spans = [] }
    init(bytes: [UInt8], spans: [Span]) { given = nil; self.bytes = bytes; self.spans = spans }

    public var fields: [HeaderField] {
        get { given ?? spans.indices.map(field) }
        set { given = newValue }
    }
    public var count: Int { given?.count ?? spans.count }
    public var isEmpty: Bool { count == 0 }

    /// First field of that name (case-insensitive), decoded.
    public func value(_ name: String) -> String? {
        guard let given else { return first(name).map(decodedValue) }
        return given.first { $0.name.equalsIgnoringASCIICase(name) }?.value
    }
    public func values(_ name: String) -> [String] {
        guard let given else { return indices(name).map(decodedValue) }
        return given.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
    }
    public func raw(_ name: String) -> String? {
        guard let given else { return first(name).map(rawString) }
        return given.first { $0.name.equalsIgnoringASCIICase(name) }?.raw
    }

    /// First field of that name (case-insensitive), decoded.
    func field(named name: String) -> HeaderField? {
        guard let given else { return first(name).map(field) }
        return given.first { $0.name.equalsIgnoringASCIICase(name) }
    }

    // MARK: Parsed block

    /// Fields named `name` (ASCII case folded: field names are ASCII, RFC 5322) from field `start` on, in order,
    /// until `body` returns false. The name's bytes are fetched once for the whole scan.
    func scan(_ name: String, from start: Int = 0, _ body: (Int) -> Bool) {
        guard given == nil, start < spans.count else { return }
        var name = name
        name.withUTF8 { n in
            bytes.withUnsafeBufferPointer { b in
                spans.withUnsafeBufferPointer { sp in
                    outer: for k in start..<sp.count where sp[k].nameEnd - sp[k].nameStart == n.count {
                        let at = sp[k].nameStart
                        for i in 0..<n.count where b[at + i] != n[i] {
                            let l = b[at + i] | 0x20
                            guard l == n[i] | 0x20, l >= 97, l <= 122 else { continue outer }
                        }
                        if !body(k) { return }
                    }
                }
            }
        }
    }

    /// Where the fields a MIME part is read by lie (first of each, and how many Content-Type): one pass instead of a
    /// scan per name.
    struct MimeFields {
        var contentType: Int? = nil
        var contentTypeCount = 0
        var disposition: Int? = nil
        var transferEncoding: Int? = nil
    }

    func mimeFields() -> MimeFields {
        var found = MimeFields()
        guard given == nil else { return found } // like `scan`: only parsed blocks are read as MIME parts
        bytes.withUnsafeBufferPointer { b in
            for (k, sp) in spans.enumerated() {
                let n = sp.nameEnd - sp.nameStart
                guard n == 12 || n == 19 || n == 25,
                      Bytes.equalsLower(b[sp.nameStart..<(sp.nameStart + 8)], "content-") else { continue }
                let rest = b[(sp.nameStart + 8)..<sp.nameEnd]
                if n == 12, Bytes.equalsLower(rest, "type") {
                    if found.contentType == nil { found.contentType = k }
                    found.contentTypeCount += 1
                } else if n == 19, found.disposition == nil, Bytes.equalsLower(rest, "disposition") {
                    found.disposition = k
                } else if n == 25, found.transferEncoding == nil, Bytes.equalsLower(rest, "transfer-encoding") {
                    found.transferEncoding = k
                }
            }
        }
        return found
    }

    func first(_ name: String) -> Int? {
        var found: Int? = nil
        scan(name) { found = $0; return false }
        return found
    }
    func indices(_ name: String) -> [Int] {
        var all: [Int] = []
        scan(name) { all.append($0); return true }
        return all
    }

    func name(_ k: Int) -> String {
        String(decoding: bytes[spans[k].nameStart..<spans[k].nameEnd], as: UTF8.self)
    }

    /// Field `k`'s value unfolded (CR and LF dropped, folding whitespace kept) and trimmed: a slice of the block
    /// when the field sits on one line, as most do.
    func unfolded(_ k: Int) -> ArraySlice<UInt8> {
        let (a, b, folded) = bytes.withUnsafeBufferPointer { p -> (Int, Int, Bool) in
            let (a, b) = Bytes.trim(p, spans[k].valueStart, spans[k].valueEnd)
            var i = a
            while i < b, p[i] != 10, p[i] != 13 { i &+= 1 }
            return (a, b, i < b)
        }
        if !folded { return bytes[a..<b] }
        var out = [UInt8]()
        out.reserveCapacity(b - a)
        var crlf = false
        for k in a..<b {
            let c = bytes[k]
            if c == 13 || c == 10 { crlf = true; continue }
            if crlf { crlf = false; if !Bytes.isSpace(c) { out.append(32) } }
            out.append(c)
        }
        return out[...]
    }

    /// Field `k`'s unfolded value as UTF-8 bytes: the block's own bytes when ASCII, converted like `raw` otherwise.
    func utf8Value(_ k: Int) -> ArraySlice<UInt8> {
        let u = unfolded(k)
        return Bytes.isASCII(u) ? u : Array(rawString(k).utf8)[...]
    }

    /// Unfolded raw value, not decoded: UTF-8 when valid (RFC 6532), otherwise Windows-1252 (8-bit legacy headers).
    func rawString(_ k: Int) -> String { Charset.decode(unfolded(k), known: .ascii).text }

    /// Field `k`'s value decoded (RFC 2047 words, raw 8-bit bytes), without making its name.
    func decodedValue(_ k: Int) -> String {
        let u = unfolded(k)
        guard u.count >= 8, Bytes.contains(61, 63, in: u) else { return Charset.decode(u, known: .ascii).text }
        return EncodedWords.decode(bytes: Array(u), inAddressField: isAddressField(k))
    }

    /// Whether field `k` holds addresses (`HeaderParser.addressFields`), from its name's bytes.
    func isAddressField(_ k: Int) -> Bool {
        let n = spans[k].nameEnd - spans[k].nameStart
        guard n >= 2, n <= 27 else { return false }
        let r = spans[k].nameStart..<spans[k].nameEnd
        return bytes.withUnsafeBufferPointer { p in
            HeaderParser.addressFields.contains(Bytes.lowerString(UnsafeBufferPointer(rebasing: p[r])))
        }
    }

    /// The first field named `name`, unfolded, when it is ASCII without an encoded word (so it reads the same raw
    /// and decoded); nil otherwise, or when absent.
    func plainASCIIValue(_ name: String) -> ArraySlice<UInt8>? {
        guard given == nil, let k = first(name) else { return nil }
        let u = unfolded(k)
        guard Bytes.isASCII(u), !(u.count >= 8 && Bytes.contains(61, 63, in: u)) else { return nil }
        return u
    }

    func field(_ k: Int) -> HeaderField {
        let u = unfolded(k)
        let raw = Charset.decode(u, known: .ascii).text
        guard u.count >= 8, Bytes.contains(61, 63, in: u) else { return HeaderField(name: name(k), raw: raw, value: raw) }
        let value = EncodedWords.decode(bytes: Array(u), inAddressField: isAddressField(k))
        return HeaderField(name: name(k), raw: raw, value: value)
    }
}

public struct Attachment: Sendable {
    public var filename: String?
    /// Declared content type, lower-cased `type/subtype`.
    public var contentType: String
    public var isInline: Bool
    public var data: [UInt8]
    public init(filename: String?, contentType: String, isInline: Bool, data: [UInt8]) {
        self.filename = filename; self.contentType = contentType; self.isInline = isInline; self.data = data
    }
}

/// The original message inside a forward (inline block or attached message/rfc822).
public struct ForwardedOriginal: Sendable {
    public var from: EmailAddress?
    public var date: Date?
    public var subject: String?
    /// What the original sender wrote (new text only).
    public var text: String
    public var attachments: [Attachment]
    public var viaAttachedMessage: Bool
    public init(from: EmailAddress?, date: Date?, subject: String?, text: String, attachments: [Attachment],
                viaAttachedMessage: Bool) {
        self.from = from; self.date = date; self.subject = subject; self.text = text
        self.attachments = attachments; self.viaAttachedMessage = viaAttachedMessage
    }
}

public struct Defect: Sendable, Equatable {
    /// Stable machine code, e.g. `missing-final-boundary`, `limit-depth`.
    public var code: String
    public var detail: String
    public init(_ code: String, _ detail: String = "") { self.code = code; self.detail = detail }
}

public final class MimePart: Sendable {
    public let headers: MessageHeaders
    /// Lower-cased `type/subtype`.
    public let contentType: String
    let params: Parameters
    public var parameters: [String: String] { params.dictionary }
    public let charset: String?
    public let disposition: String?
    public let filename: String?
    public let children: [MimePart]
    /// For message/rfc822 parts: the attached message, parsed.
    public let message: ParsedMessage?
    /// Decoded bytes of a leaf (transfer encoding removed). An identity-encoded leaf of a small message is a slice
    /// of the message's own bytes (kept alive with it, as its headers are): no copy until `body` is asked for.
    public let bodyBytes: ArraySlice<UInt8>
    public var body: [UInt8] { Array(bodyBytes) }
    /// For text/* leaves: the body converted to UTF-8 with LF line ends.
    public let text: String?

    public convenience init(headers: MessageHeaders, contentType: String, parameters: [String: String], charset: String?,
                disposition: String?, filename: String?, children: [MimePart], message: ParsedMessage?,
                body: [UInt8], text: String? = nil) {
        self.init(headers: headers, contentType: contentType, params: Parameters(parameters), charset: charset,
                  disposition: disposition, filename: filename, children: children, message: message, body: body[...],
                  text: text)
    }

    init(headers: MessageHeaders, contentType: String, params: Parameters, charset: String?, disposition: String?,
         filename: String?, children: [MimePart], message: ParsedMessage?, body: ArraySlice<UInt8>, text: String? = nil) {
        self.headers = headers; self.contentType = contentType; self.params = params
        self.charset = charset; self.disposition = disposition; self.filename = filename
        self.children = children; self.message = message; self.bodyBytes = body; self.text = text
    }

    public var isMultipart: Bool { contentType.hasPrefix("multipart/") }
    /// Leaves in document order (message/rfc822 parts count as leaves of this tree).
    public var leaves: [MimePart] {
        if children.isEmpty { return [self] }
        var out: [MimePart] = []
        collectLeaves(&out)
        return out
    }
    private func collectLeaves(_ out: inout [MimePart]) {
        if children.isEmpty { out.append(self) } else { for c in children { c.collectLeaves(&out) } }
    }
}

public final class ParsedMessage: Sendable {
    public let headers: MessageHeaders
    public let root: MimePart
    /// The chosen body as readable text (text/plain, or HTML turned into text on first read), in UTF-8.
    public var textBody: String { text.get(self) }
    public let htmlBody: String?
    public let attachments: [Attachment]
    /// What went wrong while parsing; « no-body » is decided on first read (an HTML-only body is converted then).
    public var defects: [Defect] {
        guard mayLackBody, textBody.isEmpty else { return parseDefects }
        return parseDefects + [Defect("no-body")]
    }
    private let parseDefects: [Defect]
    /// No attachment and no attached message: an empty text means no body at all.
    private let mayLackBody: Bool
    /// Quote, signature and forward analysis, run on first use: reading the request needs it, decoding does not
    /// (a forward's attached messages, delivery reports and archived mails are never analysed).
    struct Analysis: Sendable { var newText: String; var forwarded: ForwardedOriginal? }
    private let analysis: AnalysisCache
    /// The text/plain body, or the HTML one's text once converted: parsing alone never converts HTML.
    private let text: TextBodyCache
    /// The first attached message (message/rfc822 part), the forward when the text holds none.
    let attachedMessage: ParsedMessage?

    /// What the sender wrote now, without quoted history, signature or forwarded block.
    public var newText: String { analysis.get(self).newText }
    public var forwarded: ForwardedOriginal? { analysis.get(self).forwarded }

    public init(headers: MessageHeaders, root: MimePart, textBody: String, htmlBody: String?, newText: String,
                attachments: [Attachment], forwarded: ForwardedOriginal?, defects: [Defect]) {
        self.headers = headers; self.root = root; self.htmlBody = htmlBody
        self.attachments = attachments; parseDefects = defects; mayLackBody = false; attachedMessage = nil
        text = TextBodyCache(textBody)
        analysis = AnalysisCache(Analysis(newText: newText, forwarded: forwarded))
    }

    /// `plainText` empty with an `htmlBody`: the text body is the HTML's, converted when first read.
    init(headers: MessageHeaders, root: MimePart, plainText: String, htmlBody: String?, attachments: [Attachment],
         defects: [Defect], attachedMessage: ParsedMessage?) {
        self.headers = headers; self.root = root; self.htmlBody = htmlBody
        self.attachments = attachments; parseDefects = defects; self.attachedMessage = attachedMessage
        mayLackBody = attachments.isEmpty && root.message == nil
        text = TextBodyCache(plainText.isEmpty && htmlBody != nil ? nil : plainText)
        analysis = AnalysisCache(nil)
    }

    /// The reading of a mail whose subject does not say it is forwarded, as if it did: an Outlook header block
    /// (« -----Message d'origine----- », « De : … ») is then the forwarded original, not reply history. Used for
    /// mail from staff, who forward parents' mails and never write to the service with a reply's history.
    public func assumingForward() -> (newText: String, forwarded: ForwardedOriginal)? {
        let a = TextAnalysis.analyze(textBody: textBody, subject: "TR: " + subject)
        return a.forwarded.map { (a.newText, $0) }
    }

    public var subject: String { headers.value("Subject") ?? "" }
    /// Addresses are read from the raw header, names from the decoded one: an RFC 2047 encoded word may change a
    /// display name, never an address (`<camille=?us-ascii?q?=40parents.test=3E?=@evil.test>` is an evil.test
    /// address, whatever it decodes to).
    public var from: [EmailAddress] {
        // Plain ASCII without encoded words (most From fields): raw and decoded readings are the same bytes.
        if let u = headers.plainASCIIValue("From") { return u.withUnsafeBufferPointer(AddressParser.parseList) }
        let f = headers.field(named: "From") // one lookup and one decoding for both readings
        let rawValue = f?.raw ?? "", decodedValue = f?.value ?? ""
        let raw = AddressParser.parseList(rawValue)
        if rawValue == decodedValue { return raw } // no encoded word: one reading is enough
        let decoded = AddressParser.parseList(decodedValue)
        guard raw.count == decoded.count else { return raw }
        return zip(raw, decoded).map { EmailAddress(name: $1.name, address: $0.address) }
    }
    public var replyTo: [EmailAddress] { AddressParser.parseList(headers.value("Reply-To") ?? "") }
    public var to: [EmailAddress] { AddressParser.parseList(headers.value("To") ?? "") }
    public var cc: [EmailAddress] { AddressParser.parseList(headers.value("Cc") ?? "") }
    public var date: Date? { headers.raw("Date").flatMap(DateParser.parse) }
    public var messageID: String? { headers.raw("Message-ID").flatMap { MessageIDParser.parseList($0).first } }
    public var inReplyTo: [String] { headers.raw("In-Reply-To").map(MessageIDParser.parseList) ?? [] }
    public var references: [String] { headers.raw("References").map(MessageIDParser.parseList) ?? [] }
}

/// The text of an HTML-only body, converted once on first read from any thread (nil until then).
#if os(Linux)
struct TextBodyCache: ~Copyable, Sendable {
    private let state: Mutex<String?>
    init(_ value: String?) { state = Mutex(value) }

    func get(_ m: ParsedMessage) -> String {
        state.withLock { s in
            if let s { return s }
            let v = HTMLText.convert(m.htmlBody ?? "")
            s = v
            return v
        }
    }
}
#else
struct TextBodyCache: Sendable {
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var value: String?
        init(_ value: String?) { self.value = value }
    }
    private let box: Box
    init(_ value: String?) { box = Box(value) }

    func get(_ m: ParsedMessage) -> String {
        box.lock.lock(); defer { box.lock.unlock() }
        if let v = box.value { return v }
        let v = HTMLText.convert(m.htmlBody ?? "")
        box.value = v
        return v
    }
}
#endif

/// A message's analysis, computed once on first read from any thread. Not generic and no closure: a generic
/// lazy box cost an object, a closure context and runtime metadata lookups on every message's release.
#if os(Linux)
struct AnalysisCache: ~Copyable, Sendable {
    private let state: Mutex<ParsedMessage.Analysis?>
    init(_ value: ParsedMessage.Analysis?) { state = Mutex(value) }

    func get(_ m: ParsedMessage) -> ParsedMessage.Analysis {
        state.withLock { s in
            if let s { return s }
            let v = MessageParser.analyze(m)
            s = v
            return v
        }
    }
}
#else
struct AnalysisCache: Sendable {
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var value: ParsedMessage.Analysis?
        init(_ value: ParsedMessage.Analysis?) { self.value = value }
    }
    private let box: Box
    init(_ value: ParsedMessage.Analysis?) { box = Box(value) }

    func get(_ m: ParsedMessage) -> ParsedMessage.Analysis {
        box.lock.lock(); defer { box.lock.unlock() }
        if let v = box.value { return v }
        let v = MessageParser.analyze(m)
        box.value = v
        return v
    }
}
#endif
