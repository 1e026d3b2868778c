/// A file's type decided from its first bytes (magic numbers), never from its name.
public enum FileKind: String, Sendable, Codable {
    case pdf, jpeg, png, heic, webp, other

    public init(sniffing bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
        }
        if starts(Array("%PDF-".utf8)) { self = .pdf }
        else if starts([0xFF, 0xD8, 0xFF]) { self = .jpeg }
        else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
        else if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { self = .webp }
        else if starts(Array("ftyp".utf8), at: 4),
                head.count >= 12,
                ["heic", "heix", "hevc", "hevx", "mif1", "msf1", "heif", "heim", "heis"]
                    .contains(String(decoding: head[8..<12], as: UTF8.self)) { self = .heic }
        else { self = .other }
    }

    /// Kinds accepted as a medical certificate.
    public var isCertificate: Bool { self != .other }

    public var fileExtension: String {
        switch self {
        case .pdf: return "pdf"
        case .jpeg: return "jpg"
        case .png: return "png"
        case .heic: return "heic"
        case .webp: return "webp"
        case .other: return "bin"
        }
    }
}
