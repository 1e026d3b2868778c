import Foundation
import Parsers

/// Medical certificates: checked by content and size, written under `attachments_dir` with a generated name.
public enum CertificateStore {
    public struct Stored: Sendable, Equatable, Codable {
        /// Absolute path of the stored file.
        public var path: String
        public var kind: FileKind
        /// The sender's file name, kept as data only (no path separators, no control characters).
        public var originalName: String
        public var bytes: Int
    }

    public enum Finding: Sendable, Equatable {
        case none
        case stored(Stored)
        /// Attachments were present but none could be accepted; French explanation for the parent.
        case rejected(String)
    }

    /// The sender's file name made harmless for display and logs.
    public static func cleanName(_ name: String?) -> String {
        guard let name else { return "" }
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != ":" }
        return String(String.UnicodeScalarView(kept)).trimmedWhitespace.prefix(120).description
    }

    /// The first acceptable certificate among the attachments, stored; or why none was accepted.
    public static func storeFirst(_ attachments: [Attachment], settings: Settings, today: CivilDate) throws -> Finding {
        var tooLarge = false, wrongKind = false
        for a in attachments {
            let kind = FileKind(sniffing: a.data)
            guard kind.isCertificate else { wrongKind = true; continue }
            guard a.data.count <= settings.limits.maxCertificateBytes else { tooLarge = true; continue }
            return .stored(try write(a.data, kind: kind, originalName: cleanName(a.filename), settings: settings, today: today))
        }
        if tooLarge {
            let mb = settings.limits.maxCertificateBytes / (1 << 20)
            return .rejected("le fichier joint dépasse la taille maximale acceptée (\(mb) Mo)")
        }
        if wrongKind { return .rejected("le fichier joint n’est ni un PDF ni une photo (JPEG, PNG, HEIC, WebP)") }
        return .none
    }

    static func write(_ data: [UInt8], kind: FileKind, originalName: String, settings: Settings, today: CivilDate) throws -> Stored {
        let dir = (settings.attachmentsDir as NSString).appendingPathComponent("certificats/\(String(format: "%04d-%02d", today.year, today.month))")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o750])
        var path: String
        repeat {
            path = (dir as NSString).appendingPathComponent("\(today.iso)-\(RandomToken.make(length: 16).lowercased()).\(kind.fileExtension)")
        } while FileManager.default.fileExists(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: Data(data), attributes: [.posixPermissions: 0o640]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return Stored(path: path, kind: kind, originalName: originalName, bytes: data.count)
    }
}
