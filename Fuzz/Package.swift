// swift-tools-version:6.0
// The libFuzzer harness (README "Fuzzing"): a package of its own so that the sanitizer flags it is
// built with never reach the main package's build. Build and run it with scripts/fuzz.
import PackageDescription

let package = Package(
    name: "vnetdiag-fuzz",
    dependencies: [.package(name: "vnetdiag", path: "..")],
    targets: [
        .executableTarget(
            name: "vnetdiag-fuzz",
            dependencies: [.product(name: "VNetDiagKit", package: "vnetdiag")],
            // @_extern(c): declares libFuzzer's C entry point without a C module of our own.
            swiftSettings: [.enableExperimentalFeature("Extern")]
        ),
    ]
)
