// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "EspaceFamille",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "maildaemon", targets: ["MailDaemon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // Pure code: bytes in, values out. No I/O; its one dependency is the SSSE3 base64 block decoder below.
        .target(name: "Parsers", dependencies: ["CBase64"]),
        // The clean middle of a base64 body, 16 bytes at a time (PSHUFB lookups); C for the x86 intrinsics.
        .target(name: "CBase64"),
        // libcurl's variadic curl_easy_setopt wrapped in typed static inline functions.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        .target(
            name: "EspaceCore",
            dependencies: [
                "Parsers",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "MailDaemon",
            dependencies: [
                "Parsers", "EspaceCore", "CCurl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "ParsersTests", dependencies: ["Parsers"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EspaceCoreTests", dependencies: ["EspaceCore"]),
        .testTarget(name: "MailDaemonTests", dependencies: ["MailDaemon", "EspaceCore", "Parsers"]),
    ]
)
