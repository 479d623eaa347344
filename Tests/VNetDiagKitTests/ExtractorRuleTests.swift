import Foundation
import Testing
@testable import VNetDiagKit

/// Every extractor rule's examples are its tests (as in SwiftLint): each `fire` line makes the
/// rule emit its event with the fields listed, each `quiet` line makes it emit nothing.
@Suite struct ExtractorRuleTests {
    static let catalog = try! RuleCatalog.load()
    static let ruleIDs = catalog.extractors.map(\.id)

    static func events(of rule: ExtractorRule, line: String) -> [LogEvent] {
        var source: any ChunkSource = BufferSource(bytes: Array((line + "\n").utf8))
        var stats = LogScanStats()
        var events: [LogEvent] = []
        try? LogScanner(rules: [rule]).scan(&source, name: "example", envelopes: EnvelopeReader(year: 2026),
                                            stats: &stats) { events.append($0) }
        return events
    }

    @Test func theCatalogHasTheIssuesEventKinds() {
        let kinds = Set(Self.catalog.extractors.map(\.event))
        for kind in ["dhcp.discover", "dhcp.offer", "dhcp.request", "dhcp.ack", "dhcp.nak", "dhcp.decline", "dhcp.release",
                     "dhcp.inform", "dhcp.no-free-leases", "dhcp.server-config", "dhclient.discover", "dhclient.offer",
                     "dhclient.ack", "dhclient.no-offers", "dhclient.bound", "bridge.port-state", "iface.promisc",
                     "iface.link", "vmnet.open", "vmnet.hub", "vmnet.port", "vmnet.bridge", "vmnet.natd",
                     "xen.hotplug-error", "libvirt.network-error"] {
            #expect(kinds.contains(kind), "no extractor emits \(kind)")
        }
    }

    @Test(arguments: ruleIDs)
    func examplesFireAndStayQuiet(_ id: String) throws {
        let rule = try #require(Self.catalog.extractors.first { $0.id == id })
        #expect(!rule.fireExamples.isEmpty, "\(id) has no example that fires")
        #expect(!rule.quietExamples.isEmpty, "\(id) has no example that must not fire")
        for example in rule.fireExamples {
            let events = Self.events(of: rule, line: example.line)
            guard let event = events.first else {
                Issue.record("\(rule.file):\(example.sourceLine ?? 0): did not fire on: \(example.line)")
                continue
            }
            #expect(event.kind == rule.event)
            for (name, value) in example.fields {
                #expect(event.field(name) == value, "\(rule.file):\(example.sourceLine ?? 0): \(name) is \(event.field(name) ?? "missing"), expected \(value)")
            }
        }
        for example in rule.quietExamples {
            #expect(Self.events(of: rule, line: example.line).isEmpty,
                    "\(rule.file):\(example.sourceLine ?? 0): fired on a line it must not: \(example.line)")
        }
    }

    @Test func embeddedRulesAreTheRulesFolder() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("rules")
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        var onDisk: [String: String] = [:]
        for case let url as URL in enumerator where url.pathExtension == "yaml" {
            onDisk[String(url.path.dropFirst(folder.path.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        let embedded = Dictionary(uniqueKeysWithValues: EmbeddedRules.files.map { ($0.path, $0.text + "\n") })
        #expect(Set(onDisk.keys) == Set(embedded.keys), "rules/ and the embedded copy differ: run scripts/embed-rules")
        for (path, text) in onDisk where embedded[path] != text {
            Issue.record("\(path) changed since it was embedded: run scripts/embed-rules")
        }
    }

    /// A broken rule is an error naming the file and the line, never a rule silently left out.
    @Test(arguments: [
        ("id: a\nkind: extractor\nevent: dhcp.ack\npattern: '(?<ip>x)'\nrequires: [x]\n", 5, "unknown key 'requires'"),
        ("id: a\nkind: extractor\nevent: dhcp.ack\npattern: '(?<ip>x'\n", 4, "pattern does not compile"),
        ("id: b\nkind: extractor\nevent: dhcp.ack\npattern: '(?<ip>x)'\n", 1, "must equal the file name"),
        ("id: a\nkind: extractor\nevent: DHCP ACK\npattern: '(?<ip>x)'\n", 3, "must look like 'dhcp.ack'"),
        ("id: a\nkind: extractor\nevent: dhcp.ack\npattern: '(?<ip>x)'\nset: {interface: 'vmnet{hub}'}\n", 5, "does not capture"),
        ("id: a\nkind: extractor\nevent: dhcp.ack\n", 1, "missing key 'pattern'"),
        ("id: a\nkind: extractor\nevent: dhcp.ack\npattern: [x\n", 5, "not valid YAML"),
        ("id: a\nkind: extractor\nevent: dhcp.ack\npattern: 'x'\n", 4, "no named group"),
    ] as [(String, Int, String)])
    func brokenRulesAreRejected(_ text: String, line: Int, message: String) {
        do {
            _ = try ExtractorRule.load(file: "rules/extractors/a.yaml", text: text)
            Issue.record("accepted a broken rule: \(text)")
        } catch {
            #expect(error.file == "rules/extractors/a.yaml")
            #expect(error.line == line, "line \(error.line ?? -1) for: \(error.message)")
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func loadingOneKindSkipsTheOthersButStillRefusesAMisplacedFile() {
        var catalog = RuleCatalog()
        let errors = catalog.addCollectingErrors(files: [("teacher/checks/broken.yaml", "not: a check"),
                                                         ("teacher/profiles/lab.yaml", "id: lab"),
                                                         ("teacher/stray.yaml", "id: stray")],
                                                  kinds: [.extractors])
        #expect(errors.count == 1)
        #expect(errors.first?.file == "teacher/stray.yaml")
        #expect(RuleCatalog.Kind.of(path: "rules/checks/x.yaml") == .checks)
        #expect(RuleCatalog.Kind.of(path: "rules/profiles/x.yaml") == nil)
    }

    @Test func duplicateIDsInOneFolderAreAnError() throws {
        let rule = "id: same\nkind: extractor\nevent: dhcp.ack\npattern: '(?<ip>x)'\n"
        var catalog = RuleCatalog()
        #expect(throws: RuleError.self) {
            try catalog.add(files: [("t/extractors/same.yaml", rule), ("u/extractors/same.yaml", rule)])
        }
    }

    @Test func aTeachersRuleReplacesTheBuiltInOneWithItsID() throws {
        var catalog = try RuleCatalog.load()
        let count = catalog.extractors.count
        try catalog.add(files: [("teacher/extractors/dhcpd-ack.yaml",
                                 "id: dhcpd-ack\nkind: extractor\nevent: dhcp.ack\npattern: 'ACK (?<ip>\\S+)'\n")])
        #expect(catalog.extractors.count == count)
        #expect(catalog.extractors.first { $0.id == "dhcpd-ack" }?.pattern.pattern == "ACK (?<ip>\\S+)")
    }

    /// `set` templates are worked out once: text and captures in order, the text around and
    /// between them kept, a `(?J)` name taking the group that matched (rules written for this test).
    @Test(arguments: [
        ("'(?<hub>\\d+) (?<port>\\d+)'", "vmnet{hub}", "12 3", "vmnet12"),
        ("'(?<hub>\\d+) (?<port>\\d+)'", "{hub}/{port}.", "12 3", "12/3."),
        ("'(?<hub>\\d+) (?<port>\\d+)'", "plain", "12 3", "plain"),
        ("'(?J)(?:a(?<n>\\d)|b(?<n>\\d))'", "n={n}", "b7", "n=7"),
    ])
    func templatesFillInTheirCaptures(pattern: String, template: String, message: String, value: String) throws {
        let rule = try ExtractorRule.load(file: "template-test.yaml", text: """
            id: template-test
            kind: extractor
            event: test.event
            pattern: \(pattern)
            set:
              made: '\(template)'
            """)
        let fields = try Array(message.utf8).withUnsafeBytes { try rule.extract(message: $0) }
        #expect(fields?.first { $0.name == "made" }?.value == value)
    }
}
