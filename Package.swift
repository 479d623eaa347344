// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vnetdiag",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vnetdiag", targets: ["vnetdiag"]),
        .library(name: "VNetDiagKit", targets: ["VNetDiagKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        .target(
            name: "VNetDiagKit",
            dependencies: ["PCRE2", "CZlib", .product(name: "Yams", package: "Yams")],
            // Concrete generic types' metadata through direct accessors instead of demangling a
            // mangled name on first use: demangling was a sixth of a small run's instructions.
            swiftSettings: [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
                                         .when(configuration: .release))]
        ),
        .executableTarget(
            name: "vnetdiag",
            dependencies: ["VNetDiagKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // Release builds carry the Swift runtime and Foundation inside the binary: loading and
            // relocating a dozen shared libraries was a fifth of `parse` on a 2.5 MB paste and half
            // of a small run (BENCHMARKS.md). The binary grows from 18 to 88 MB; RSS drops.
            swiftSettings: [.unsafeFlags(["-static-stdlib", "-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
                                         .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(name: "ExecutableTests", dependencies: ["vnetdiag", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "VNetDiagKitTests", dependencies: ["VNetDiagKit", "PCRE2", .product(name: "Yams", package: "Yams")],
                    exclude: ["JCDeviations.md"]),
    ]
)
