import Foundation
@testable import VNetDiagKit

/// Runs the parse pipeline in-process, as `vnetdiag parse` does.
enum Parsing {
    static func documents(at paths: [String]) throws -> [TextDocument] {
        try InputReader().read(paths: paths).map(TextDocument.init)
    }

    static func results(at paths: [String], forced: FormatName? = nil) throws -> [SectionResult] {
        MachineGrouping.labelled(ParsePipeline().parse(try documents(at: paths), forcedFormat: forced))
    }

    static func results(text: String, name: String = "paste.txt", forced: FormatName? = nil) -> [SectionResult] {
        ParsePipeline().parse(TextDocument(name: name, text: text), forcedFormat: forced)
    }

    static func nativeSections(_ results: [SectionResult]) -> [JSONValue] {
        results.map(NativeParseReport.sectionJSON)
    }
}
