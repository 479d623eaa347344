import Foundation
import Testing
@testable import VNetDiagKit

/// `vnetdiag collect`: the capture's layout, the notes on what could not run, and that diagnose
/// reads it back as the machine and role it says.
@Suite(.serialized) struct CollectTests {
    static let routeTable = "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n0.0.0.0         10.0.2.2        0.0.0.0         UG    0      0        0 eth0\n"

    @Test func filesStartWithTheirPromptAndMissingToolsAreNoted() {
        let collector = Collector(hostname: "vbguest", user: "root", role: "guest")
        let files = collector.capture(date: "2026-11-26T00:00:00Z") { command in
            switch command {
            case "route -n": return .output(Self.routeTable)
            case "brctl show": return .unavailable("not installed")
            case "iptables -t nat -S": return .unavailable("iptables v1.8.9 (nf_tables): Permission denied (you must be root)")
            default: return command.hasPrefix("tail") || command.hasPrefix("journalctl") ? .unavailable("no log") : .output("")
            }
        }
        let names = files.map(\.file)
        #expect(names.contains("route-n.txt") && !names.contains("brctl-show.txt") && names.last == "collect.txt")
        #expect(files.first { $0.file == "route-n.txt" }?.text == "root@vbguest:~# route -n\n" + Self.routeTable)
        let manifest = files.last!.text
        #expect(manifest.hasPrefix("# vnetdiag collect"))
        #expect(manifest.contains("hostname: vbguest\nrole: guest\n"))
        #expect(manifest.contains("missing: brctl show: not installed"))
        #expect(manifest.contains("missing: iptables -t nat -S: iptables v1.8.9 (nf_tables): Permission denied"))
        #expect(!files.contains { $0.file == "syslog.txt" })
        let documents = files.map { TextDocument(InputDocument(name: "cap/\($0.file)", bytes: Array($0.text.utf8), truncated: false, wasCompressed: false, folders: ["cap"])) }
        let diagnosis = Diagnosis.run(ParsePipeline().parse(documents), catalog: RuleCatalog())
        #expect(diagnosis.machines.map(\.name) == ["cap"])
        #expect(diagnosis.machines.first?.role == .guest, "the declared role wins")
        #expect(diagnosis.machines.first?.routes.first?.gateway?.description == "10.0.2.2")
    }

    @Test func aTarGzCaptureIsReadBackAsASubmission() {
        let files = [("route-n.txt", "root@h:~# route -n\n" + Self.routeTable), ("collect.txt", "# vnetdiag collect 0.1.0\nhostname: h\n")]
        let archive = Collector.tarGz(files, folder: "vnetdiag-h")
        let (entries, problems) = ArchiveReader().read(archive, name: "vnetdiag-h.tar.gz")
        #expect(problems.isEmpty)
        #expect(entries.map(\.path) == ["vnetdiag-h/route-n.txt", "vnetdiag-h/collect.txt"])
        #expect(String(decoding: entries[0].bytes, as: UTF8.self) == files[0].1)
    }

    /// The real command on this machine: whatever tools it lacks, the capture is made and read.
    @Test func collectOnThisMachine() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TestPaths.binary.path), "build the binary first: swift build")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-collect-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let capture = folder.appendingPathComponent("this")
        let result = try CommandRunner.run(["collect", "--output", capture.path, "--role", "host"])
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try String(contentsOf: capture.appendingPathComponent("collect.txt"), encoding: .utf8)
        #expect(manifest.contains("role: host") && manifest.contains("ran: "))
        let diagnose = try CommandRunner.run(["diagnose", folder.path, "--format", "json", "--fail-on", "none"])
        let report = try #require(try JSONSerialization.jsonObject(with: diagnose.stdout) as? [String: Any])
        let machines = try #require(report["machines"] as? [[String: Any]])
        #expect(machines.first?["role"] as? String == "host")
        let coverage = try #require(report["coverage"] as? [[String: Any]])
        #expect(coverage.allSatisfy { $0["format"] as? String != "unknown" }, "every captured file is read: \(coverage)")
        let archive = folder.appendingPathComponent("this.tar.gz")
        #expect(try CommandRunner.run(["collect", "--output", archive.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: archive.path))
        #expect(try CommandRunner.run(["collect", "--role", "router"]).status == 2)
    }
}
