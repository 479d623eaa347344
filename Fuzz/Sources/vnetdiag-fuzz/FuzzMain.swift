import Foundation
import VNetDiagKit

// The target to fuzz is named by VNETDIAG_FUZZ_TARGET (scripts/fuzz sets it). The per-target code
// lives in VNetDiagKit (FuzzHarness), where the regression tests run it too.

/// libFuzzer's own entry (its `main` does no more than call it). SwiftPM links every executable
/// with `main` renamed to this module's entry point, so libFuzzer's `main` is never the one that
/// runs: this program's `main` hands control to libFuzzer instead.
@_extern(c, "LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzerTestOneInput))
    }
}

/// Set once in LLVMFuzzerInitialize, before libFuzzer runs any input; never written after.
nonisolated(unsafe) var harness: FuzzHarness?

/// Where the repository is: this file is Fuzz/Sources/vnetdiag-fuzz/FuzzMain.swift.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("vnetdiag-fuzz: \(message)\n".utf8))
    exit(2)
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    let valid = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    guard let name = environment["VNETDIAG_FUZZ_TARGET"] else { fail("set VNETDIAG_FUZZ_TARGET to one of: \(valid)") }
    guard let target = FuzzTarget(rawValue: name) else { fail("unknown VNETDIAG_FUZZ_TARGET '\(name)'; valid: \(valid)") }
    // scripts/fuzz asks for the seeds only the library can make (see FuzzSeeds) this way.
    if let folder = environment["VNETDIAG_FUZZ_WRITE_SEEDS"] {
        let shared = environment["VNETDIAG_SHARED"] ?? repositoryRoot + "/../shared"
        SeedWriter(root: repositoryRoot, shared: shared, folder: folder).write(for: target)
        exit(0)
    }
    let fixture = environment["VNETDIAG_FUZZ_MODEL_FIXTURE"] ?? repositoryRoot + "/Fixtures/lab/xen-nat"
    do {
        harness = try FuzzHarness(target: target, modelFixture: fixture)
    } catch {
        fail("cannot set up \(name): \(error)")
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = harness!.run(bytes)
    // A broken invariant is a bug like a crash: abort so that libFuzzer saves the input.
    if !problems.isEmpty {
        FileHandle.standardError.write(Data(("invariant broken:\n  " + problems.joined(separator: "\n  ") + "\n").utf8))
        abort()
    }
    return 0
}
