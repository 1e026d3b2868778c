#if canImport(Glibc)
import Glibc
#endif
/// Entry point: bytes in, `ParsedMessage` out. Builds the MIME tree top-down (each multipart is
/// split inside its parent's range, so a broken inner part can never swallow its parent), decodes
/// every leaf, then picks the body, attachments, forward and new text.
public enum MessageParser {
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) -> ParsedMessage {
        var ctx = Context(limits: limits)
        if bytes.count > limits.maxMessageBytes {
            ctx.defects.append(Defect("limit-size", "message of \(bytes.count) bytes cut at \(limits.maxMessageBytes)"))
            let cut = Array(bytes.prefix(limits.maxMessageBytes))
            return parseMessage(cut, 0, cut.count, depth: 0, &ctx)
        }
        return parseMessage(bytes, 0, bytes.count, depth: 0, &ctx)
    }

    /// Per-call state; never shared between calls.
    struct Context {
        let limits: ParseLimits
        var parts = 0
        var defects: [Defect] = []
        var depthReported = false
        var partsReported = false
        /// Bytes of attached messages kept verbatim (bounded by maxMessageBytes).
        var copiedBytes = 0
    }

    static func parseMessage(_ s: [UInt8], _ from: Int, _ to: Int, depth: Int, _ ctx: inout Context) -> ParsedMessage {
        // The top level also reports what happened before its headers were read (size limit).
        let firstDefect = depth == 0 ? 0 : ctx.defects.count
        let block = HeaderParser.parse(s, from: from, to: to, limits: ctx.limits)
        if !block.defects.isEmpty { ctx.defects += block.defects }
        let headers = block.headers
        if headers.isEmpty { ctx.defects.append(Defect("no-headers")) }
        let root = parseEntity(s, headers, block.bodyStart, to, depth: depth, defaultType: "text/plain", &ctx)
        let defects = Array(ctx.defects[firstDefect...])
        let content = BodySelector.select(root)
        let attachments = content.attachments.map(BodySelector.attachment)
        let attached = content.attachments.first(where: { $0.message != nil })?.message
        return ParsedMessage(headers: headers, root: root, plainText: content.text, htmlBody: content.html,
                             attachments: attachments, defects: defects, attachedMessage: attached)
    }

    /// Quote, signature and forward analysis of a parsed message (run when `newText` or `forwarded` is first read).
    static func analyze(_ m: ParsedMessage) -> ParsedMessage.Analysis {
        let analysis = TextAnalysis.analyze(textBody: m.textBody, subject: m.headers.value("Subject") ?? "")
        var forwarded = analysis.forwarded
        if forwarded == nil, !m.root.contentType.hasPrefix("multipart/report"), let attached = m.attachedMessage {
            forwarded = ForwardedOriginal(
                from: attached.from.first, date: attached.date, subject: attached.headers.value("Subject"),
                text: attached.forwarded?.text ?? attached.newText,
                attachments: attached.attachments, viaAttachedMessage: true)
        }
        if let f = forwarded, f.attachments.isEmpty, !f.viaAttachedMessage, !m.attachments.isEmpty {
            // Attachments of an inline forward travel with the forwarding message.
            forwarded = ForwardedOriginal(from: f.from, date: f.date, subject: f.subject, text: f.text,
                                          attachments: m.attachments, viaAttachedMessage: false)
        }
        return ParsedMessage.Analysis(newText: analysis.newText, forwarded: forwarded)
    }

    static func contentType(_ headers: MessageHeaders, _ fields: MessageHeaders.MimeFields, defaultType: String,
                            _ ctx: inout Context) -> ParameterizedValue {
        let first = fields.contentType
        if fields.contentTypeCount > 1 { ctx.defects.append(Defect("duplicate-content-type")) }
        if let first {
            var found: ParameterizedValue? = nil
            headers.scan("content-type", from: first) { k in
                var v = ParameterizedValue(bytes: headers.utf8Value(k))
                if isTypeAndSubtype(v.value) { found = v; return false }
                if v.value == "text" { v.value = "text/plain"; found = v; return false }
                ctx.defects.append(Defect("invalid-content-type", headers.rawString(k).prefix(80).description))
                return true
            }
            if let found { return found }
        }
        var v = ParameterizedValue(value: defaultType, parameters: Parameters())
        if let first { v.parameters = ParameterizedValue(bytes: headers.utf8Value(first)).parameters }
        return v
    }

    /// Exactly one "/" with something on both sides.
    static func isTypeAndSubtype(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { u in
            guard let slash = u.firstIndex(of: 47), slash > 0, slash + 1 < u.count else { return false }
            return !u[(slash + 1)...].contains(47)
        }
    }

    static func parseEntity(_ s: [UInt8], _ headers: MessageHeaders, _ from: Int, _ to: Int, depth: Int,
                            defaultType: String, _ ctx: inout Context) -> MimePart {
        ctx.parts += 1
        let fields = headers.mimeFields()
        let ct = contentType(headers, fields, defaultType: defaultType, &ctx)
        var type = ct.value
        let params = ct.parameters
        let dispValue = fields.disposition.map { ParameterizedValue(bytes: headers.utf8Value($0)) }
        let disposition = dispValue.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        let filename = (dispValue?.parameters["filename"] ?? params["name"]).map(\.trimmedSpaces).flatMap { $0.isEmpty ? nil : $0 }
        let encoding = fields.transferEncoding.map { TransferEncoding.kind(headers, $0) } ?? .identity

        func leaf(_ type: String, raw: Bool = false) -> MimePart {
            var body: ArraySlice<UInt8>
            if case .identity = encoding, s.count <= HeaderParser.sharedMessageBytes {
                body = s[from..<to]
            } else if raw {
                body = Array(s[from..<to])[...]
            } else {
                body = decodeBody(s[from..<to], encoding, &ctx)[...]
            }
            var text: String? = nil
            if type.hasPrefix("text/") {
                let known = Charset.normalize(params["charset"])
                // Most text parts are ASCII in an ASCII-compatible charset: one copy, no validation. (ISO-2022-JP,
                // UTF-7 or UTF-16 can be all 7-bit bytes and still need decoding: those go through iconv.)
                var ascii: String? = nil
                if case .other = known {} else { ascii = Newlines.asciiText(body) }
                let r = ascii.map { Charset.Result(text: $0, defect: nil) }
                    ?? Charset.decode(Newlines.toLF(body), known: known)
                if let d = r.defect { ctx.defects.append(d) }
                text = r.text
                if type == "text/plain", params["format"]?.asciiLowercased == "flowed" {
                    text = FlowedText.unflow(r.text, delSp: params["delsp"]?.asciiLowercased == "yes")
                }
            }
            return MimePart(headers: headers, contentType: type, params: params, charset: params["charset"],
                            disposition: disposition, filename: filename, children: [], message: nil, body: body,
                            text: text)
        }

        if type.hasPrefix("multipart/") {
            // RFC 2046 caps boundaries at 70 characters; a huge one would make splitting quadratic.
            guard let boundary = params["boundary"], !boundary.isEmpty, boundary.utf8.count <= 256 else {
                ctx.defects.append(Defect("missing-boundary", type))
                return leaf("text/plain")
            }
            if depth >= ctx.limits.maxDepth {
                if !ctx.depthReported { ctx.defects.append(Defect("limit-depth", "nesting deeper than \(ctx.limits.maxDepth)")) }
                ctx.depthReported = true
                return leaf("application/octet-stream", raw: true)
            }
            let split = Multipart.split(s, from: from, to: to, boundary: boundary,
                                        maxParts: max(0, ctx.limits.maxParts - ctx.parts) + 1)
            if !split.found {
                ctx.defects.append(Defect("boundary-not-found", type))
                return leaf("text/plain")
            }
            if !split.closed { ctx.defects.append(Defect("missing-final-boundary", type)) }
            var children: [MimePart] = []
            let childDefault = type == "multipart/digest" ? "message/rfc822" : "text/plain"
            for r in split.parts {
                if ctx.parts >= ctx.limits.maxParts {
                    if !ctx.partsReported { ctx.defects.append(Defect("limit-parts", "more than \(ctx.limits.maxParts) parts")) }
                    ctx.partsReported = true
                    break
                }
                let block = HeaderParser.parse(s, from: r.lowerBound, to: r.upperBound, limits: ctx.limits)
                if !block.defects.isEmpty {
                    ctx.defects += block.defects.filter { $0.code != "missing-headers" && $0.code != "missing-body-separator" }
                }
                children.append(parseEntity(s, block.headers, block.bodyStart, r.upperBound,
                                            depth: depth + 1, defaultType: childDefault, &ctx))
            }
            return MimePart(headers: headers, contentType: type, params: params, charset: nil,
                            disposition: disposition, filename: filename, children: children, message: nil, body: [][...])
        }

        if type == "message/rfc822" || type == "message/global" {
            if depth >= ctx.limits.maxDepth {
                if !ctx.depthReported { ctx.defects.append(Defect("limit-depth", "nesting deeper than \(ctx.limits.maxDepth)")) }
                ctx.depthReported = true
                return leaf(type, raw: true)
            }
            // An identity-encoded message is parsed in place. Its bytes are kept as the part body (the
            // .eml of a forward) only while the total kept stays under the message size limit, so that
            // nested messages cannot multiply memory by the depth.
            let message: ParsedMessage
            var body: [UInt8] = []
            if case .identity = encoding {
                message = parseMessage(s, from, to, depth: depth + 1, &ctx)
                if ctx.copiedBytes + (to - from) <= ctx.limits.maxMessageBytes {
                    body = Array(s[from..<to]); ctx.copiedBytes += to - from
                }
            } else {
                body = decodeBody(s[from..<to], encoding, &ctx)
                message = parseMessage(body, 0, body.count, depth: depth + 1, &ctx)
            }
            return MimePart(headers: headers, contentType: type, params: params, charset: nil,
                            disposition: disposition, filename: filename, children: [], message: message, body: body[...])
        }
        if type == "text/rfc822-headers" { type = "text/rfc822-headers" }
        return leaf(type)
    }

    static func decodeBody(_ raw: ArraySlice<UInt8>, _ encoding: TransferEncoding.Kind, _ ctx: inout Context) -> [UInt8] {
        switch encoding {
        case .identity: return Array(raw)
        case .base64:
            let r = TransferEncoding.decodeBase64(raw)
            if r.garbage > 0 { ctx.defects.append(Defect("base64-garbage", "\(r.garbage) bytes skipped")) }
            if r.truncated { ctx.defects.append(Defect("base64-truncated")) }
            return r.bytes
        case .quotedPrintable:
            let r = TransferEncoding.decodeQuotedPrintable(raw)
            if r.broken > 0 { ctx.defects.append(Defect("qp-broken-escape", "\(r.broken) kept literally")) }
            return r.bytes
        case .unknown(let name):
            ctx.defects.append(Defect("unknown-transfer-encoding", name))
            return Array(raw)
        }
    }
}

enum Newlines {
    /// ASCII bytes (read as themselves by UTF-8, ASCII, Latin-1/9 and Windows-1252) straight into a String with CRLF and lone CR made LF; nil when a byte is not ASCII.
    static func asciiText(_ b: ArraySlice<UInt8>) -> String? {
        b.withUnsafeBufferPointer { p -> String? in
            guard Bytes.isASCII(p) else { return nil }
            return String(unsafeUninitializedCapacity: p.count) { out in
                guard let src = p.baseAddress, let dst = out.baseAddress else { return 0 }
                var w = 0, i = 0
                let n = p.count
                // Runs between CRs copied whole (memchr finds the next CR).
                while i < n {
                    let cr = memchr(src + i, 13, n - i).map { src.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
                    (dst + w).update(from: src + i, count: cr - i)
                    w += cr - i
                    i = cr
                    if i < n {
                        dst[w] = 10; w += 1; i += 1
                        if i < n, src[i] == 10 { i += 1 }
                    }
                }
                return w
            }
        }
    }

    /// CRLF and lone CR become LF; LF-only text is returned as it is.
    static func toLF(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let converted = b.withUnsafeBufferPointer { p -> [UInt8]? in
            guard let base = p.baseAddress else { return nil }
            func nextCR(_ i: Int) -> Int? {
                memchr(base + i, 13, p.count - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            }
            guard var cr = nextCR(0) else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(p.count)
            var i = 0
            // Runs between CRs are copied whole (memchr finds the next CR).
            while true {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<cr]))
                out.append(10)
                i = cr + 1
                if i < p.count, p[i] == 10 { i += 1 }
                guard i < p.count, let next = nextCR(i) else { break }
                cr = next
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i...]))
            return out
        }
        return converted.map { $0[...] } ?? b
    }
}
