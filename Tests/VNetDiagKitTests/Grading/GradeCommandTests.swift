import Foundation
import Testing
@testable import VNetDiagKit

/// `vnetdiag grade` as a teacher runs it, and its HTML pages as a person sees them: rendered by
/// headless Chromium to PDF, then read back with pdftotext (Debian packages chromium and
/// poppler-utils; .ci/run installs them).
@Suite(.serialized) struct GradeCommandTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TestPaths.binary.path), "build the binary first: swift build")
    }

    func classFolder() throws -> ClassFolder {
        let folder = try ClassFolder()
        try folder.add("ana", from: "seed/vmware-nat")
        try folder.add("benito", from: "checks/vmware-nat-guest-gateway-host")
        try folder.add("dario", from: "seed/vmware-nat")
        try FileManager.default.createDirectory(at: folder.root.appendingPathComponent("elena"), withIntermediateDirectories: true)
        return folder
    }

    @Test func outputWritesEveryReportAndExitsOneForAnUnreadableSubmission() throws {
        let folder = try classFolder()
        defer { folder.remove() }
        let output = folder.root.deletingLastPathComponent().appendingPathComponent("vnetdiag-out-\(UUID())")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try CommandRunner.run(["grade", "--profile", "vmware.nat", "--output", output.path, "--lang", "en", folder.root.path])
        #expect(result.status == 1, "elena's empty folder is reported with exit 1, never 2: \(result.stderr)")
        for file in ["gradebook.csv", "grades.json", "junit.xml", "results.sarif", "summary.md", "summary.html",
                     "feedback/ana.md", "feedback/ana.html", "feedback/benito.html", "feedback/elena.md", "gradescope/benito/results.json"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(file) missing")
        }
        let csv = try String(contentsOf: output.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        #expect(csv.contains("elena,unknown,0.00,vmware.nat,0,23,"))
        for page in ["feedback/benito.html", "summary.html"] {
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"") && !html.contains("url("),
                    "\(page) must be self-contained")
        }
        let feedback = try rendered(output.appendingPathComponent("feedback/benito.html"))
        for seen in ["Score: 16 / 23", "What to fix", "expected gateway 172.16.62.2, found 172.16.62.1",
                     "benito/creb/route-n.txt:5", "Fix: Take the address by DHCP", "Topology rebuilt", "vmnet8", "172.16.62.1/24"] {
            #expect(feedback.contains(seen), "the feedback page does not show '\(seen)'")
        }
        let summary = try rendered(output.appendingPathComponent("summary.html"))
        for seen in ["4 submissions", "Score distribution", "Identical submissions", "ana = dario", "could not be read", "elena: no readable file"] {
            #expect(summary.contains(seen), "the class page does not show '\(seen)'")
        }
    }

    @Test func aBrokenProfileStopsBeforeAnyGrading() throws {
        let folder = try classFolder()
        defer { folder.remove() }
        let profiles = folder.root.deletingLastPathComponent().appendingPathComponent("perfiles-\(UUID())")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profiles) }
        let profile = profiles.appendingPathComponent("vmware.nat.yaml")
        let text = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("rules/profiles/vmware.nat.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "rule: apipa-address", with: "rule: apipa-adress").write(to: profile, atomically: true, encoding: .utf8)
        let output = folder.root.appendingPathComponent("out")
        let result = try CommandRunner.run(["grade", "--profile", profile.path, "--output", output.path, folder.root.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown check 'apipa-adress'") && result.stderr.contains(profile.lastPathComponent))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let missing = try CommandRunner.run(["grade", "--profile", "vmware.nat", "/no/such/class"])
        #expect(missing.status == 2)
    }

    @Test func csvOnStandardOutput() throws {
        let folder = try classFolder()
        defer { folder.remove() }
        let result = try CommandRunner.run(["grade", "--profile", "vmware.nat", "--format", "csv", "--jobs", "1", folder.root.path])
        let rows = result.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 5 && rows[0].hasPrefix("submission,detected_mode,confidence,expected_mode,score,max_score,"))
        #expect(rows[1].contains("identical to dario") && rows[3].contains("identical to ana"))
    }

    /// What a person sees: the page printed by Chromium, as text.
    func rendered(_ page: URL) throws -> String {
        let pdf = page.deletingPathExtension().appendingPathExtension("pdf")
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let chromiumPath = try #require(chromium, "headless Chromium is needed (apt-get install chromium; .ci/run installs it)")
        try run(chromiumPath, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString])
        try #require(FileManager.default.fileExists(atPath: "/usr/bin/pdftotext"), "pdftotext is needed (apt-get install poppler-utils)")
        let text = try run("/usr/bin/pdftotext", [pdf.path, "-"])
        // pdftotext breaks lines where the page wraps them: compare with single spaces.
        return text.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
