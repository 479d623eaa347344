import ArgumentParser
import Foundation
import VNetDiagKit

struct TopologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology",
        abstract: "Draw the hosts, virtual switches, guests and networks the captures show.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, dot, mermaid, svg
    }

    @OptionGroup var input: InputOptions
    @OptionGroup var rules: RuleOptions

    @Option(help: "text, dot (Graphviz), mermaid, or svg (needs Graphviz's dot; without it, prints the DOT text and exits 2).")
    var format: Format = .text

    @Option(help: "Language of the text drawing's role names (default: Spanish when LANG starts with es).")
    var lang: ReportLanguage?

    func run() throws {
        try reportingFailures {
            let topology = try diagnose(input, rules).topology
            switch format {
            case .text: writeStandardOutput(TopologyRenderer.text(topology, language: lang ?? .fromEnvironment))
            case .dot: writeStandardOutput(TopologyRenderer.dot(topology))
            case .mermaid: writeStandardOutput(TopologyRenderer.mermaid(topology))
            case .svg:
                let dot = TopologyRenderer.dot(topology)
                guard let svg = Graphviz.render(dot) else {
                    // The DOT text still comes out, so the drawing can be made elsewhere.
                    writeStandardOutput(dot)
                    throw UsageFailure(message: "svg needs Graphviz's dot, which is not in PATH (apt-get install graphviz); the DOT text was printed instead")
                }
                writeStandardOutput(svg)
            }
        }
    }
}

/// Runs `dot -Tsvg` when it is installed.
enum Graphviz {
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func render(_ dot: String) -> String? {
        guard let executable = executable() else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(dot.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
