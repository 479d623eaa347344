import Foundation

/// Runs the built `vnetdiag` binary as a user would, with optional standard input.
struct CommandResult {
    let status: Int32
    let stdout: Data
    let stderr: String
    var text: String { String(decoding: stdout, as: UTF8.self) }
}

enum CommandRunner {
    static func run(_ arguments: [String], stdin: String, environment: [String: String] = [:]) throws -> CommandResult {
        try run(arguments, stdin: Data(stdin.utf8), environment: environment)
    }

    /// `environment` entries replace the inherited ones for this run.
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                    in directory: URL? = nil, stdinFile: FileHandle? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = TestPaths.binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let output = Pipe()
        // stderr goes to a file so that neither pipe can fill up while the other is read.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-stderr-\(UUID())")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        // A file handle stands for `< file`: the command sees a regular file, at the handle's offset.
        process.standardInput = stdinFile ?? (stdin == nil ? FileHandle.nullDevice : input)
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errors.close()
        let errData = try Data(contentsOf: errorFile)
        return CommandResult(status: process.terminationStatus, stdout: outData,
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}
