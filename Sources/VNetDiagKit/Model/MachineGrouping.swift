/// Puts sections into machines: by the folder their file sits in, else by the host name of their
/// prompt, else by the host name their log lines carry, else by file. A prompt-less file that lists
/// the same interface twice with different addresses holds two machines, and is split there.
public enum MachineGrouping {
    /// A machine's identity before its sections are gathered.
    struct Identity {
        let name: String
        let source: MachineNameSource
        var aliases: [String] = []
    }

    /// The same results, in the same order, with `machine` set to the name of their machine.
    public static func labelled(_ results: [SectionResult]) -> [SectionResult] {
        let (identities, owners) = assign(results)
        var labelled = results
        for index in labelled.indices { labelled[index].machine = identities[owners[index]].name }
        return labelled
    }

    /// The machines, each with its sections, in order of first appearance.
    public static func group(_ results: [SectionResult]) -> [Machine] {
        grouped(results).machines
    }

    /// Both at once: the machines, and the results in reading order labelled with their machine.
    public static func grouped(_ results: [SectionResult]) -> (machines: [Machine], results: [SectionResult]) {
        let (identities, owners) = assign(results)
        var labelled: [SectionResult] = []
        labelled.reserveCapacity(results.count)
        var sections = Array(repeating: [SectionResult](), count: identities.count)
        for (result, owner) in zip(results, owners) {
            var result = result
            result.machine = identities[owner].name
            labelled.append(result)
            sections[owner].append(result)
        }
        let machines = zip(identities, sections).map { identity, sections in
            Machine(name: identity.name, nameSource: identity.source, aliases: identity.aliases, sections: sections)
        }
        return (machines, labelled)
    }

    /// Each machine's identity and, for each result, the index of its machine.
    static func assign(_ results: [SectionResult]) -> (identities: [Identity], owners: [Int]) {
        var identities: [Identity] = []
        var owners: [Int] = []
        owners.reserveCapacity(results.count)
        var indexByKey: [String: Int] = [:]
        var takenNames: Set<String> = []
        var listedInterfaces: [String: [String: Signature]] = [:]
        var parts: [String: Int] = [:]
        let promptHostsByDocument = promptHosts(results)
        var sectionsPerDocument: [String: Int] = [:]
        for result in results { sectionsPerDocument[result.section.source, default: 0] += 1 }
        for result in results {
            var (key, name, source) = identity(of: result, promptHosts: promptHostsByDocument[result.section.source] ?? [])
            if source == .file {
                // Later sections of the file stay with the last machine it showed.
                let baseName = name
                let part = parts[key, default: 1]
                if part > 1 { (key, name, source) = (key + "#\(part)", baseName + "-\(part)", .content) }
                // A file of one section is one machine: there is no other section to compare with.
                if sectionsPerDocument[result.section.source, default: 0] > 1 {
                    let signatures = interfaceSignatures(result)
                    if conflicts(signatures, with: listedInterfaces[key] ?? [:]) {
                        let baseKey = key.split(separator: "#").first.map(String.init) ?? key
                        parts[baseKey] = part + 1
                        (key, name, source) = (baseKey + "#\(part + 1)", baseName + "-\(part + 1)", .content)
                    }
                    listedInterfaces[key, default: [:]].merge(signatures) { old, _ in old }
                }
            }
            let index: Int
            if let known = indexByKey[key] {
                index = known
            } else {
                index = identities.count
                indexByKey[key] = index
                let unique = uniqueName(name, key: key, taken: takenNames)
                takenNames.insert(unique)
                identities.append(Identity(name: unique, source: source))
            }
            owners.append(index)
            if let host = result.section.promptHost, host != identities[index].name, !identities[index].aliases.contains(host) {
                identities[index].aliases.append(host)
            }
        }
        return (identities, owners)
    }

    /// Two machines never share a name: `a/host` and `b/host` are named by their folder paths,
    /// other clashes get a number.
    static func uniqueName(_ name: String, key: String, taken: Set<String>) -> String {
        guard taken.contains(name) else { return name }
        if key.hasPrefix("folder:") {
            let path = String(key.dropFirst("folder:".count))
            if !taken.contains(path) { return path }
        }
        var number = 2
        while taken.contains("\(name)-\(number)") { number += 1 }
        return "\(name)-\(number)"
    }

    static func identity(of result: SectionResult, promptHosts: [String]) -> (key: String, name: String, source: MachineNameSource) {
        let document = result.section.document
        if let folder = document.folders.last {
            return ("folder:" + document.folders.joined(separator: "/"), folder, .folder)
        }
        if let host = result.section.promptHost {
            return ("prompt:" + host, host, .prompt)
        }
        if promptHosts.count == 1, let host = promptHosts.first {
            return ("prompt:" + host, host, .prompt)
        }
        let logHosts = Set(result.parsed.records.compactMap { record -> String? in
            if case .event(let event) = record { return event.host } else { return nil }
        })
        if logHosts.count == 1, let host = logHosts.first {
            return ("prompt:" + host, host, .prompt)
        }
        return ("file:" + document.name, fileStem(document.name), .file)
    }

    /// Host names of every prompt in each document, in order of appearance.
    static func promptHosts(_ results: [SectionResult]) -> [String: [String]] {
        var hosts: [String: [String]] = [:]
        var seen: [String: Set<String>] = [:]
        for result in results {
            guard let host = result.section.promptHost, seen[result.section.source, default: []].insert(host).inserted else { continue }
            hosts[result.section.source, default: []].append(host)
        }
        return hosts
    }

    /// What identifies an interface's owner: its MAC, else its first IPv4 address.
    enum Signature: Equatable {
        case mac(MACAddress)
        case address(HostToken)
    }

    /// Interface name → its signature.
    static func interfaceSignatures(_ result: SectionResult) -> [String: Signature] {
        var signatures: [String: Signature] = [:]
        for case .interface(let record) in result.parsed.records where record.name != "lo" {
            if let mac = record.mac {
                signatures[record.name] = .mac(mac)
            } else if let address = record.ipv4.first?.address {
                signatures[record.name] = .address(address)
            }
        }
        return signatures
    }

    static func conflicts(_ signatures: [String: Signature], with known: [String: Signature]) -> Bool {
        signatures.contains { name, signature in known[name].map { $0 != signature } ?? false }
    }

    static func fileStem(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var stem = base
        for suffix in [".gz", ".txt", ".log", ".out"] where stem.hasSuffix(suffix) && stem.count > suffix.count {
            stem.removeLast(suffix.count)
        }
        return stem
    }
}
