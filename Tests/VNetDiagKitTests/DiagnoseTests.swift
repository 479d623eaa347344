import Foundation
import Testing
import Yams
@testable import VNetDiagKit

/// `diagnose` and `topology` over the fixture folders: the report's mode, sides and topology
/// edges against `expected.yaml`, and the command line's formats and languages.
@Suite struct DiagnoseTests {
    static func report(_ folder: URL, language: ReportLanguage = .en) throws -> JSONValue {
        let diagnosis = Diagnosis.run(try Parsing.results(at: [folder.path]), catalog: ModeTests.catalog)
        return JSONTreeBuilder.build { DiagnosisJSON.write(diagnosis, language: language, to: &$0) }
    }

    @Test(arguments: FixtureFolderTests.seedConfigurations)
    func seedReport(_ name: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed").appendingPathComponent(name)
        let expected = try ExpectationMatching.load(folder.appendingPathComponent("expected.yaml"))
        let report = try Self.report(folder)
        #expect(ExpectationMatching.text(of: report["schema"]) == "vnetdiag.report/1")
        let coverage = report["coverage"]?.arrayValue ?? []
        #expect(coverage.allSatisfy { ExpectationMatching.text(of: $0["machine"]) != nil }, "\(name): a section without its machine")
        #expect(ExpectationMatching.text(of: report["mode"]?["id"]) == expected["mode"]?.string)
        if let sides = expected["sidesSeen"], let problem = ExpectationMatching.mismatch(sides, report["summary"]?["sidesSeen"]) {
            Issue.record("\(name): sidesSeen \(problem)")
        }
        guard case .sequence(let wanted)? = expected["topologyEdges"] else {
            Issue.record("\(name)/expected.yaml has no topologyEdges")
            return
        }
        let edges = report["topology"]?["edges"]?.arrayValue ?? []
        for edge in wanted where !edges.contains(where: { ExpectationMatching.mismatch(edge, $0) == nil }) {
            Issue.record("\(name): no topology edge matches \(edge)")
        }
        // Every edge but the NAT boundary rests on lines of the input.
        for edge in edges where ExpectationMatching.text(of: edge["kind"]) != "nat" || ExpectationMatching.text(of: edge["observed"]) == "true" {
            let evidence = edge["evidence"]?.arrayValue ?? []
            #expect(evidence.count > 0, "\(name): edge without evidence \(edge)")
        }
        // The mode's evidence quotes the input lines it rests on.
        for item in report["mode"]?["evidence"]?.arrayValue ?? [] {
            let lines = (item["seen"]?.arrayValue ?? []).flatMap { $0["lines"]?.arrayValue ?? [] }
            #expect(lines.count > 0, "\(name): evidence without lines \(item)")
        }
    }

    static let modeCaptures = TestPaths.folders(under: TestPaths.fixtures.appendingPathComponent("modes"),
                                                containing: "expected.yaml")

    /// Labs captured in network namespaces (scripts/capture/netns-modes.sh): libvirt NAT,
    /// VirtualBox NAT and host-only, Xen 3.2+ bridge, a Docker host, a plain host.
    @Test(arguments: modeCaptures)
    func capturedLab(_ name: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent("modes").appendingPathComponent(name)
        let expected = try ExpectationMatching.load(folder.appendingPathComponent("expected.yaml"))
        let report = try Self.report(folder)
        let scores = (report["mode"]?["scores"]?.arrayValue ?? []).map { "\(ExpectationMatching.text(of: $0["id"]) ?? "")=\(ExpectationMatching.text(of: $0["score"]) ?? "")" }
        #expect(ExpectationMatching.text(of: report["mode"]?["id"]) == expected["mode"]?.string, "\(name): \(scores)")
        guard case .sequence(let machines)? = expected["machines"] else {
            Issue.record("\(name)/expected.yaml has no machines")
            return
        }
        let actual = report["machines"]?.arrayValue ?? []
        for want in machines where !actual.contains(where: { ExpectationMatching.mismatch(want, $0) == nil }) {
            Issue.record("\(name): no machine matches \(want); got \(actual.map { "\(ExpectationMatching.text(of: $0["name"]) ?? "")=\(ExpectationMatching.text(of: $0["role"]) ?? "")" })")
        }
        if case .sequence(let wanted)? = expected["topologyEdges"] {
            let edges = report["topology"]?["edges"]?.arrayValue ?? []
            for edge in wanted where !edges.contains(where: { ExpectationMatching.mismatch(edge, $0) == nil }) {
                Issue.record("\(name): no topology edge matches \(edge)")
            }
        }
    }

    /// The libvirt lab's virbr0 segment holds the host (observed) and guest1 (observed through the
    /// vnet0 tap's MAC), and the L3 subnets list both ends of 192.168.122.0/24.
    @Test func segmentsAndSubnets() throws {
        let report = try Self.report(TestPaths.fixtures.appendingPathComponent("modes/libvirt-nat"))
        let segments = report["topology"]?["segments"]?.arrayValue ?? []
        let virbr0 = segments.first { ExpectationMatching.text(of: $0["node"]) == "switch:kvmhost/virbr0" }
        let members = (virbr0?["members"]?.arrayValue ?? []).map { "\(ExpectationMatching.text(of: $0["node"]) ?? "")=\(ExpectationMatching.text(of: $0["observed"]) ?? "")" }
        #expect(members.contains("machine:kvmhost=true"))
        #expect(members.contains("machine:guest1=true"))
        let subnets = report["topology"]?["subnets"]?.arrayValue ?? []
        let lab = subnets.first { ExpectationMatching.text(of: $0["network"]) == "192.168.122.0/24" }
        #expect(lab?["members"]?.arrayValue?.count == 2)
    }

    @Test func spanishReportSpeaksSpanish() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed/xen-route")
        let output = try CommandRunner.run(["diagnose", "--lang", "es", folder.path])
        #expect(output.status == 0)
        #expect(output.text.contains("Modo"))
        #expect(output.text.contains("Xen, modo encaminado"))
        #expect(output.text.contains("observador externo"))
        #expect(output.text.contains("ve 192.168.0.64 en 00:40:d0:65:b2:84, eth0 de dom0"))
        #expect(output.text.contains("tiene vif1.0 (dispositivo de backend de Xen)"))
        #expect(output.text.contains("dom0/route-n.txt:4"))
        let english = try CommandRunner.run(["diagnose", "--lang", "en", "--format", "markdown", folder.path])
        #expect(english.text.contains("## Mode"))
        #expect(english.text.contains("Xen, routed"))
    }

    @Test func languageFollowsLANG() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed/xen-nat")
        let spanish = try CommandRunner.run(["diagnose", folder.path], environment: ["LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(spanish.text.contains("Máquinas"))
        let english = try CommandRunner.run(["diagnose", folder.path], environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(english.text.contains("Machines"))
    }

    @Test(arguments: ["text", "dot", "mermaid"])
    func topologyFormats(_ format: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed/vmware-nat")
        let output = try CommandRunner.run(["topology", "--format", format, folder.path])
        #expect(output.status == 0)
        switch format {
        case "dot":
            #expect(output.text.hasPrefix("digraph vnetdiag {"))
            #expect(output.text.contains("\"switch:ayla/vmnet8\" -> \"network:192.168.0.0/24\" [label=\"NAT\", style=dashed, color=red];"))
        case "mermaid":
            #expect(output.text.hasPrefix("flowchart LR"))
            #expect(output.text.contains("-.->|\"NAT\"|"))
        default:
            #expect(output.text.contains("[vmnet8 172.16.62.1/24]"))
            #expect(output.text.contains("creb (guest)"))
        }
    }

    /// SVG needs Graphviz (installed by .ci/run); without it the DOT text comes out with a message.
    @Test func svgThroughGraphviz() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed/xen-route")
        let output = try CommandRunner.run(["topology", "--format", "svg", folder.path])
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") {
            #expect(output.status == 0)
            #expect(output.text.contains("<svg"))
            #expect(output.text.contains("dom0"))
        } else {
            #expect(output.status == 2)
            #expect(output.stderr.contains("Graphviz"))
            #expect(output.text.hasPrefix("digraph"))
        }
        let withoutDot = try CommandRunner.run(["topology", "--format", "svg", folder.path], environment: ["PATH": "/nonexistent"])
        #expect(withoutDot.status == 2)
        #expect(withoutDot.stderr.contains("Graphviz"))
        #expect(withoutDot.text.hasPrefix("digraph"))
    }

    /// Honest answers on thin or contradictory input, never a crash.
    @Test func thinInputGetsAnHonestAnswer() throws {
        let garbage = try CommandRunner.run(["diagnose", "--format", "json", "-"], stdin: "nada que ver aquí\n\u{1}\u{2}\n")
        #expect(garbage.status == 0)
        #expect(garbage.text.contains("\"id\":\"unknown\""))
        let hostOnly = TestPaths.fixtures.appendingPathComponent("seed/vmware-nat/ayla")
        let ambiguous = try CommandRunner.run(["diagnose", "--format", "json", hostOnly.path])
        #expect(ambiguous.text.contains("\"id\":\"ambiguous\""))
        #expect(ambiguous.text.contains("\"candidates\":[{"))
    }

    /// The seed's Xen route and Xen NAT dom0 outputs mixed in one folder: evidence for both modes,
    /// so the answer is `ambiguous` and says the capture contradicts itself.
    @Test func contradictoryCaptureIsAmbiguous() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-contra-\(UUID())")
        let dom0 = folder.appendingPathComponent("dom0")
        try FileManager.default.createDirectory(at: dom0, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (config, file, copy) in [("xen-route", "ifconfig.txt", "a.txt"), ("xen-route", "route-n.txt", "b.txt"),
                                     ("xen-nat", "ifconfig.txt", "c.txt"), ("xen-nat", "route-n.txt", "d.txt")] {
            try FileManager.default.copyItem(at: TestPaths.fixtures.appendingPathComponent("seed/\(config)/dom0/\(file)"),
                                             to: dom0.appendingPathComponent(copy))
        }
        let verdict = try ModeTests.verdict(at: [folder.path])
        #expect(verdict.id == "ambiguous")
        #expect(Set(verdict.candidates.map(\.rule.id)) == ["xen.route", "xen.nat"])
        #expect(verdict.missing?.contains("contradicts itself") == true)
    }

    /// domain.md §1: 00:16:3e is also LXC's prefix; an LXC host (lxcbr0, veth, 10.0.3.0/24) is no
    /// Xen host. Invented from domain.md's LXC defaults.
    @Test func lxcIsNotXen() {
        let text = """
        root@lxchost:~# ip addr
        3: lxcbr0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether 00:16:3e:00:00:00 brd ff:ff:ff:ff:ff:ff
            inet 10.0.3.1/24 brd 10.0.3.255 scope global lxcbr0
               valid_lft forever preferred_lft forever
        5: vethX1a2b3@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master lxcbr0 state UP group default qlen 1000
            link/ether fe:2c:11:aa:bb:cc brd ff:ff:ff:ff:ff:ff link-netnsid 0
        root@c1:~# ip addr
        4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether 00:16:3e:5a:6b:7c brd ff:ff:ff:ff:ff:ff link-netnsid 0
            inet 10.0.3.57/24 brd 10.0.3.255 scope global dynamic eth0
               valid_lft 3500sec preferred_lft 3500sec
        root@c1:~# ip route
        default via 10.0.3.1 dev eth0
        10.0.3.0/24 dev eth0 proto kernel scope link src 10.0.3.57
        """
        let verdict = ModeTests.verdict(text: text)
        #expect(verdict.id == "none", "\(verdict.scores.map { "\($0.rule.id)=\($0.score)" })")
        #expect(!verdict.id.hasPrefix("xen"))
    }
}
