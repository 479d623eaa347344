import Foundation

/// A throw-away class folder built from the project's fixtures, deleted by `remove()`.
struct ClassFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-class-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Copies a fixture folder (without its expected.yaml) as submission `name`.
    func add(_ name: String, from fixture: String) throws {
        let target = root.appendingPathComponent(name)
        try FileManager.default.copyItem(at: TestPaths.fixtures.appendingPathComponent(fixture), to: target)
        try? FileManager.default.removeItem(at: target.appendingPathComponent("expected.yaml"))
    }

    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Runs a shell command in the class folder (zip and tar build the archive submissions).
    func shell(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
    }
}
