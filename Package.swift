// swift-tools-version:6.0
import PackageDescription

/// Where `pkg-config --cflags gmime-3.0` points on Debian: GMime's and GLib's headers, and
/// GLib's `glibconfig.h` in the multiarch folder of the machine building.
let gmimeHeaderFolders: [String] = {
    #if arch(arm64)
    let multiarch = "aarch64-linux-gnu"
    #else
    let multiarch = "x86_64-linux-gnu"
    #endif
    return ["/usr/include/gmime-3.0", "/usr/include/glib-2.0", "/usr/lib/\(multiarch)/glib-2.0/include"]
}()

let package = Package(
    name: "digestd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "digestd", targets: ["digestd"]),
        .executable(name: "digestd-bench", targets: ["digestd-bench"]),
        // For the libFuzzer package in Fuzz/ (scripts/fuzz), which is built apart from this one.
        .library(name: "DigestdFuzzing", targets: ["DigestdFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // System libraries from Debian -dev packages.
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc",
            providers: [.apt(["libicu-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CUchardet",
            pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),

        // C front of ICU: its headers stay out of Swift (they clash with Foundation's ICU).
        .target(name: "CICUShim", dependencies: ["CICU"], linkerSettings: [.linkedLibrary("icuuc")]),
        // libsystemd (Debian libsystemd-dev headers) opened on first use, not at exec: one-shot
        // commands never load it (issue 15, start-up). Not linked: libsystemd0 is a Depends.
        .target(name: "CSystemd"),
        // GMime 3 (Debian libgmime-3.0-dev headers) opened on first use, not at exec: one-shot
        // commands on text, HTML or Markdown never map GMime, GIO, GObject, GLib and what they
        // need (issue 15, start-up). Not linked, so not pkg-config (SwiftPM would link its
        // --libs): the headers' folders are named here. libgmime-3.0-0 is a Depends.
        .target(name: "CGMime", cSettings: [.unsafeFlags(gmimeHeaderFolders.map { "-I" + $0 })]),
        // C front of Compact Language Detector 2 (Debian libcld2-dev; its API is C++).
        .target(name: "CCLD2Shim", linkerSettings: [.linkedLibrary("cld2")]),

        // Pure core: text in, ranked sentences out.
        .target(
            name: "Summarizer",
            dependencies: ["CStemmer", "CICUShim", "CCLD2Shim"],
            // The ranking core is optimized in debug builds too: the end-to-end tests push
            // thousands of articles through the debug binary, and -Onone is ~10x slower here.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // inotify watching, intake and decoding.
        .target(name: "Inbox", dependencies: [
            "CLibXML2", "CGMime", "CUchardet", "CCmarkGFM", "CYAML",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // GRDB store of articles: the source of truth.
        .target(name: "Ledger", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Day bucketing, rendering, atomic writes.
        .target(
            name: "Digest",
            dependencies: [
                "Ledger", "Summarizer",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Whole-day rendering and top-story grouping run on every digest write: optimized in
            // debug builds too, for the same reason as the Summarizer.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // swift-log handler over sd_journal_sendv; sd_notify.
        .target(name: "Journal", dependencies: [
            "CSystemd",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Wiring: config, lifecycle, signals, notify, the pipeline.
        .target(name: "DigestService", dependencies: [
            "Summarizer", "Inbox", "Ledger", "Digest", "Journal", "CGMime",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The libFuzzer targets' bodies, the one public face of the package: Fuzz/ (a package of
        // its own, built with -sanitize=fuzzer by scripts/fuzz) imports only this module, so every
        // other module keeps `package` access.
        .target(name: "DigestdFuzzing", dependencies: ["Summarizer", "Inbox", "Ledger", "Digest", "DigestService"]),
        .executableTarget(name: "digestd", dependencies: [
            "DigestService", "Summarizer", "Ledger", "Digest", "Journal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(
            name: "digestd-bench",
            dependencies: [
                "Summarizer", "Ledger", "Digest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // `@main` in main.swift next to other files (the `write` mode has its own file).
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),

        .testTarget(name: "SummarizerTests", dependencies: ["Summarizer"], resources: [.copy("Fixtures")]),
        .testTarget(name: "InboxTests", dependencies: ["Inbox"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DigestTests", dependencies: ["Digest", "Ledger", "Summarizer"]),
        .testTarget(name: "JournalTests", dependencies: ["Journal", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "DigestServiceTests", dependencies: ["DigestService", "Digest", "Ledger", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "EndToEndTests", dependencies: ["Digest", "digestd"]),
    ],
    swiftLanguageModes: [.v6]
)
