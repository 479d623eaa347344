import ArgumentParser
import Foundation
import VNetDiagKit

@main
struct VNetDiag: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vnetdiag",
        abstract: "Reads what VM hosts and guests print about their network and makes sense of it.",
        version: "0.1.0",
        subcommands: [ParseCommand.self, EventsCommand.self, DiagnoseCommand.self, TopologyCommand.self, ExplainCommand.self,
                      RulesCommand.self, GradeCommand.self, CheckCommand.self, CollectCommand.self])

    /// Exit codes as DESIGN.md sets them: usage errors are 2 (argument-parser's default is 64).
    static func main() {
        // A parent may hand down blocked signals (test runners do); Ctrl-C must stop --follow.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigprocmask(SIG_SETMASK, &unblocked, nil)
        do {
            if let plain = PlainParseInvocation(arguments: Array(CommandLine.arguments.dropFirst())) {
                try plain.job.run()
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            if !message.isEmpty {
                FileHandle.standardError.write(Data((message.hasPrefix("Error:") ? message : "vnetdiag: " + message).utf8))
                FileHandle.standardError.write(Data("\n".utf8))
            }
            Foundation.exit(code == .failure ? 1 : 2)
        }
    }
}

/// Inputs shared by every command that reads captures.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files, folders (read recursively) or - for standard input. None: standard input.")
    var paths: [String] = []

    @Option(name: .long, help: "Read at most this many bytes of each input (larger inputs are cut, with a warning).")
    var maxBytes: Int = InputReader.defaultMaxBytes

    @Option(name: .long, help: "Lines longer than this many bytes are listed as unparsed instead of parsed.")
    var maxLineBytes: Int = Section.maxParsedLineLength

    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be at least 1") }
        guard maxLineBytes > 0 else { throw ValidationError("--max-line-bytes must be at least 1") }
    }

    var settings: InputSettings { InputSettings(paths: paths, maxBytes: maxBytes, maxLineBytes: maxLineBytes) }

    func readDocuments() throws -> [TextDocument] { try settings.readDocuments() }
}

/// What `InputOptions` decodes, as a plain value: a command can be run without the argument
/// parser's wrappers (see `PlainParseInvocation`).
struct InputSettings: Equatable {
    var paths: [String] = []
    var maxBytes = InputReader.defaultMaxBytes
    var maxLineBytes = Section.maxParsedLineLength

    func readDocuments() throws -> [TextDocument] {
        let reader = InputReader(maxBytesPerInput: maxBytes)
        do {
            let (inputs, notes) = try reader.readNoting(paths: paths)
            for warning in notes + inputs.compactMap({ $0.shortReadWarning(maxBytes: maxBytes) }) {
                FileHandle.standardError.write(Data("vnetdiag: \(warning)\n".utf8))
            }
            return inputs.map { TextDocument($0, maxParsedLineLength: maxLineBytes) }
        } catch {
            throw UsageFailure(message: error.description)
        }
    }
}

/// A failure reported as one line on stderr with exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, turning a `UsageFailure` into exit code 2 with a one-line message.
    func reportingFailures(_ body: () throws -> Void) throws { try reportingUsageFailures(body) }
}

/// Runs `body`, turning a `UsageFailure` into exit code 2 with a one-line message.
func reportingUsageFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as UsageFailure {
        FileHandle.standardError.write(Data("vnetdiag: \(failure.message)\n".utf8))
        throw ExitCode(2)
    }
}

/// Writes everything a JSON stream holds, part by part.
func writeStandardOutput(_ stream: JSONStream) {
    for part in stream.parts { writeStandardOutput(part) }
}

func writeStandardOutput(_ buffer: ByteBuffer) {
    buffer.withUnsafeBytes(writeStandardOutput(bytes:))
}

func writeStandardOutput(bytes: UnsafeBufferPointer<UInt8>) {
    var offset = 0
    while offset < bytes.count {
        let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return  // a closed pipe (`| head`) is not an error worth reporting
        }
        offset += written
    }
}

/// Standard output as the destination of a JSON stream's finished pieces.
let standardOutputJSON = JSONOutput { writeStandardOutput(bytes: $0) }

/// Ends the process once the answer is written: freeing a large parse tree one object at a time
/// took a quarter of the run time, and the kernel reclaims the memory at once.
func exitWithoutTeardown(_ code: Int32 = 0) -> Never {
    // Buffered standard output flushed, then out without the exit handlers (the C++ and
    // Foundation destructors of a static binary ran for a millisecond and more).
    fflush(nil)
    _exit(code)
}
