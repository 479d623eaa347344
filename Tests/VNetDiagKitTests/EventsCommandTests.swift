import Foundation
import Testing
@testable import VNetDiagKit

/// `vnetdiag events` as a user runs it.
@Suite(.serialized) struct EventsCommandTests {
    static let syslog = TestPaths.fixtures.appendingPathComponent("seed/vmware-nat/ayla/syslog").path

    @Test func ndjsonPrintsOneEventObjectPerLine() throws {
        let result = try CommandRunner.run(["events", "--format", "ndjson", Self.syslog])
        #expect(result.status == 0)
        let lines = result.text.split(separator: "\n")
        #expect(lines.count == 35)
        let last = try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any]
        #expect(last?["kind"] as? String == "dhcp.ack")
        #expect((last?["fields"] as? [String: String])?["interface"] == "vmnet8")
        #expect((last?["source"] as? [String: Any])?["line"] as? Int == 36)
    }

    @Test func jsonAndCountAgree() throws {
        let json = try CommandRunner.run(["events", "--format", "json", Self.syslog, TestPaths.fixtures.appendingPathComponent("input/syslog.2.gz").path])
        let object = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
        #expect(object?["schema"] as? String == "vnetdiag.events/1")
        let events = object?["events"] as? [[String: Any]] ?? []
        #expect(events.count == 70)
        let counted = try CommandRunner.run(["events", "--count", "--format", "json", Self.syslog, TestPaths.fixtures.appendingPathComponent("input/syslog.2.gz").path])
        let counts = (try JSONSerialization.jsonObject(with: counted.stdout) as? [String: Any])?["counts"] as? [String: Int]
        #expect(counts?["dhcp.ack"] == 2)
        #expect(counts?.values.reduce(0, +) == 70)
        let text = try CommandRunner.run(["events", "--count", Self.syslog])
        #expect(text.text.contains("vmnet.open\t6\n"))
    }

    /// `events` reads only the extractors: settings about checks in the working folder do not stop it.
    @Test func eventsReadsOnlyExtractors() throws {
        let catalog = try RuleCatalog.load(kinds: [.extractors])
        #expect(!catalog.extractors.isEmpty && catalog.checks.isEmpty && catalog.modes.isEmpty)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-events-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "disable: [guest-default-route-missing]\n".write(to: folder.appendingPathComponent(".vnetdiag.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["events", "--count", Self.syslog], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text.contains("dhcp.ack"))
    }

    @Test func standardInputAndMissingFiles() throws {
        let piped = try CommandRunner.run(["events", "-"], stdin: Data("kernel: device eth0 entered promiscuous mode\n".utf8))
        #expect(piped.text.contains("iface.promisc interface=eth0 state=entered (-:1)"))
        let missing = try CommandRunner.run(["events", "/no/such/syslog"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/no/such/syslog"))
    }

    @Test func badTimesAreUsageErrors() throws {
        let result = try CommandRunner.run(["events", "--since", "yesterday", Self.syslog])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--since"))
    }

    /// `--follow` keeps reading as the file grows, and starts over when it is rotated.
    @Test func followReadsAppendedLinesAcrossRotation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-follow-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("syslog")
        try Data("kernel: device eth0 entered promiscuous mode\n".utf8).write(to: log)
        let process = Process()
        process.executableURL = TestPaths.binary
        process.arguments = ["events", "--follow", "--format", "ndjson", log.path]
        // A file, not a pipe: the test reads it after the process is gone.
        let outputFile = folder.appendingPathComponent("events.ndjson")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = output
        try process.run()
        // SIGKILL: the test runner's blocked signals are inherited, so SIGTERM may never arrive.
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        func append(_ text: String) throws {
            let handle = try FileHandle(forWritingTo: log)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
        Thread.sleep(forTimeInterval: 0.6)
        try append("kernel: device vif1.0 entered promiscuous mode\n")
        Thread.sleep(forTimeInterval: 0.6)
        // Rotation: the old file moves away, a new one takes the name.
        try FileManager.default.moveItem(at: log, to: folder.appendingPathComponent("syslog.1"))
        try Data("vmnet-dhcpd: DHCPACK on 172.16.62.128 to 00:0c:29:73:a4:09 via vmnet8\n".utf8).write(to: log)
        Thread.sleep(forTimeInterval: 0.8)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try output.close()
        let lines = try String(contentsOf: outputFile, encoding: .utf8).split(separator: "\n")
        let kinds = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.map { $0["kind"] as? String }
        #expect(kinds == ["iface.promisc", "iface.promisc", "dhcp.ack"])
    }
}
