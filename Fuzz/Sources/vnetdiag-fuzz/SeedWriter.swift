import Foundation
import VNetDiagKit

/// Fills a target's corpus folder with the project's own inputs of the kind that target reads
/// (scripts/fuzz runs this before fuzzing). Names are the source paths, so a second run rewrites
/// the same files instead of adding copies.
struct SeedWriter {
    let root: String
    let shared: String
    let folder: String

    func write(for target: FuzzTarget) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        switch target {
        case .sections, .syslog:
            for (name, bytes) in textOutputs() { save(name, bytes) }
        case .parsers:
            // Fixtures/parsers/<format>/... force their own parser; every other output the one its content names.
            for (name, bytes) in textOutputs() {
                let parts = name.split(separator: "/")
                let format = parts.count > 2 && parts[0] == "Fixtures" && parts[1] == "parsers" ? String(parts[2]) : nil
                save(name, FuzzSeeds.parserInput(format: format, text: bytes))
            }
        case .rules:
            for folder in ["rules", "Tests/Fixtures/broken-rules"] {
                for (name, bytes) in files(under: root + "/" + folder, as: folder) where name.hasSuffix(".yaml") { save(name, bytes) }
            }
        case .expressions:
            let checks = files(under: root + "/rules/checks", as: "rules/checks").filter { $0.name.hasSuffix(".yaml") }
            let rules = checks.map { (path: $0.name, text: String(decoding: $0.bytes, as: UTF8.self)) }
            for (index, seed) in FuzzSeeds.expressions(fromCheckRules: rules).enumerated() {
                save("rule-expression-\(index)", Array(seed.utf8))
            }
        }
    }

    /// What people paste: the fixtures' command outputs and logs, without the expectations,
    /// jc's JSON answers, notes, licences and gzip files.
    func textOutputs() -> [(name: String, bytes: [UInt8])] {
        let skipped = [".yaml", ".json", ".md", ".gz", "LICENSE"]
        return (files(under: root + "/Fixtures", as: "Fixtures") + files(under: shared + "/peer-fixtures", as: "peer-fixtures"))
            .filter { file in !skipped.contains { file.name.hasSuffix($0) } }
    }

    func files(under path: String, as prefix: String) -> [(name: String, bytes: [UInt8])] {
        let relative = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
        return relative.sorted().compactMap { name in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder), !isFolder.boolValue,
                  let data = FileManager.default.contents(atPath: path + "/" + name) else { return nil }
            return (prefix + "/" + name, Array(data))
        }
    }

    func save(_ name: String, _ bytes: [UInt8]) {
        let fileName = "seed-" + name.replacingOccurrences(of: "/", with: "__")
        _ = FileManager.default.createFile(atPath: folder + "/" + fileName, contents: Data(bytes))
    }
}
