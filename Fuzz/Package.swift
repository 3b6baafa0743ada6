// swift-tools-version:6.0
// libFuzzer targets for every place where outside bytes enter digestd (issue 13). Built apart
// from the main package, with -sanitize=fuzzer,address, by scripts/fuzz; not part of scripts/test.
import PackageDescription

let package = Package(
    name: "digestd-fuzz",
    dependencies: [.package(name: "digestd", path: "..")],
    targets: [
        .executableTarget(
            name: "digestd-fuzz",
            dependencies: [.product(name: "DigestdFuzzing", package: "digestd")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
