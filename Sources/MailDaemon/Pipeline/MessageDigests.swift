import EspaceCore

/// What the daemon derives from a mail's bytes before its transaction: the ledger key, the keys older versions used,
/// and the archive's checksum.
struct MessageDigests {
    let key: String
    let legacy: [String]
    let sha256: String

    init(raw: [UInt8], messageID: String?) {
        key = MessageIntake.ledgerKey(messageID: messageID, raw: raw)
        legacy = MessageIntake.legacyKeys(messageID: messageID, raw: raw)
        sha256 = RawArchive.sha256Hex(raw)
    }
}
