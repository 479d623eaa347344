import Foundation
import Testing
@testable import VNetDiagKit

/// Grading a class built from the fixtures: scores, fairness, bad submissions, every format.
@Suite(.serialized) struct GradeTests {
    static let catalog = try! RuleCatalog.load()
    static let profile = try! catalog.profile("vmware.nat") { _ in nil }

    func grade(_ folder: ClassFolder, jobs: Int = 2) throws -> [SubmissionGrade] {
        let names = try SubmissionReader.submissionNames(in: folder.root.path)
        return Grader(profile: Self.profile, catalog: Self.catalog, defaultLanguage: .en).gradeAll(root: folder.root.path, names: names, jobs: jobs)
    }

    @Test func scoresFollowTheChecksAndExpectations() throws {
        let folder = try ClassFolder()
        defer { folder.remove() }
        try folder.add("ana", from: "seed/vmware-nat")
        try folder.add("benito", from: "checks/vmware-nat-guest-gateway-host")
        try folder.add("carla", from: "checks/vmware-nat-guest-no-default-route")
        let grades = try grade(folder)
        #expect(grades.map(\.name) == ["ana", "benito", "carla"])
        let (ana, benito, carla) = (grades[0], grades[1], grades[2])
        #expect(ana.detectedMode == "vmware.nat" && ana.maxScore == Self.profile.total)
        #expect(ana.items.first { $0.id == "nat-gateway-not-nat-device" }?.earned == 3)
        #expect(benito.items.first { $0.id == "nat-gateway-not-nat-device" }?.status == "fail")
        #expect(benito.items.first { $0.id == "expect:guest-gateway" }?.message.en == "expected gateway 172.16.62.2, found 172.16.62.1")
        #expect(carla.items.first { $0.id == "guest-default-route-missing" }?.status == "fail")
        #expect(benito.score == ana.score - 5 && carla.score == ana.score - 5)
        // The seed's guest shows only its routes: the address check is skipped and says what to add.
        let reserved = try #require(ana.items.first { $0.id == "guest-uses-reserved-address" })
        #expect(reserved.status == "skip" && reserved.reason == .missingInput && reserved.earned == 0)
        #expect(reserved.message.en.hasPrefix("add the addresses"))
        #expect(reserved.message.es.hasPrefix("añade las direcciones"))
    }

    @Test func theSameOrderWhateverTheJobs() throws {
        let folder = try ClassFolder()
        defer { folder.remove() }
        for index in 0..<9 { try folder.add("s\(index)", from: index % 2 == 0 ? "seed/vmware-nat" : "checks/vmware-nat-guest-gateway-host") }
        let one = try grade(folder, jobs: 1).map { "\($0.name) \($0.score)" }
        let four = try grade(folder, jobs: 4).map { "\($0.name) \($0.score)" }
        #expect(one == four)
    }

    @Test func badSubmissionsNeverStopTheClass() throws {
        let folder = try ClassFolder()
        defer { folder.remove() }
        try folder.add("ana", from: "seed/vmware-nat")
        try FileManager.default.createDirectory(at: folder.root.appendingPathComponent("vacio"), withIntermediateDirectories: true)
        try folder.add("enlace", from: "seed/vmware-nat")
        try FileManager.default.createSymbolicLink(atPath: folder.root.appendingPathComponent("enlace/fuera").path, withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: folder.root.appendingPathComponent("enlace/passwd").path, withDestinationPath: "/etc/passwd")
        // A zip of a student's folder, and a tar.gz with entries that try to leave the submission.
        try folder.add("zipped-src", from: "checks/vmware-nat-guest-no-default-route")
        try folder.shell("cd zipped-src && zip -qr ../zipped.zip . && cd .. && rm -r zipped-src")
        try folder.write("Kernel IP routing table\n", to: "evil-src/ok.txt")
        try folder.shell("tar -czf evil.tgz -P evil-src/ok.txt /etc/hostname --transform 's,^evil-src,../../escape,' && rm -r evil-src")
        try folder.write(String(repeating: "x", count: 300), to: "grande/log.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.root.appendingPathComponent("grande/roto").path, withDestinationPath: "no-such-file")
        try folder.shell("mkfifo grande/tuberia")
        var reader = SubmissionReader()
        reader.input = InputReader(maxBytesPerInput: 100)
        var grader = Grader(profile: Self.profile, catalog: Self.catalog, defaultLanguage: .en)
        grader.reader = reader
        let names = try SubmissionReader.submissionNames(in: folder.root.path)
        let grades = grader.gradeAll(root: folder.root.path, names: names, jobs: 2)
        func warnings(_ name: String) -> String { grades.first { $0.name == name }?.warnings.map(\.en).joined(separator: " | ") ?? "(absent)" }
        #expect(names == ["ana", "enlace", "evil.tgz", "grande", "vacio", "zipped.zip"])
        #expect(warnings("vacio").contains("empty: no readable file, scored 0"))
        #expect(grades.first { $0.name == "vacio" }?.score == 0)
        #expect(warnings("enlace").contains("enlace/fuera: a link that leaves the submission, not followed"))
        #expect(warnings("enlace").contains("enlace/passwd: a link that leaves the submission, not followed"))
        #expect(warnings("evil.tgz").contains("refused ('..' in the path)"))
        #expect(warnings("evil.tgz").contains("refused (absolute path)"))
        #expect(warnings("grande").contains("cut at 100 bytes"))
        #expect(warnings("grande").contains("grande/roto: a broken link"))
        #expect(warnings("grande").contains("grande/tuberia: not a regular file, not read"))
        let zipped = try #require(grades.first { $0.name == "zipped.zip" })
        #expect(zipped.items.first { $0.id == "guest-default-route-missing" }?.status == "fail", "the zip's machine folders are kept")
        #expect(zipped.diagnosis?.machines.map(\.name).sorted() == ["ayla", "creb"])
    }

    @Test func identicalSubmissionsAreFlagged() throws {
        let folder = try ClassFolder()
        defer { folder.remove() }
        try folder.add("ana", from: "seed/vmware-nat")
        try folder.add("copia", from: "seed/vmware-nat")
        try FileManager.default.moveItem(at: folder.root.appendingPathComponent("copia/creb/route-n.txt"),
                                         to: folder.root.appendingPathComponent("copia/creb/rutas.txt"))
        try folder.add("otra", from: "checks/vmware-nat-guest-gateway-host")
        let grades = try grade(folder)
        #expect(grades[0].warnings.map(\.en) == ["identical to copia"])
        #expect(grades[1].warnings.map(\.en) == ["identical to ana"])
        #expect(grades[2].warnings.isEmpty)
        #expect(ClassSummary(grades).identical == [["ana", "copia"]])
    }

    @Test func feedbackSpeaksTheStudentsLanguage() throws {
        let folder = try ClassFolder()
        defer { folder.remove() }
        try folder.add("ana", from: "seed/vmware-nat")
        try FileManager.default.createDirectory(at: folder.root.appendingPathComponent("pepe"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.fixtures.appendingPathComponent("parsers/ifconfig/ubuntu-es-old/input.txt"),
                                         to: folder.root.appendingPathComponent("pepe/ifconfig.txt"))
        let grades = try grade(folder)
        #expect(grades[0].language == .en && grades[1].language == .es)
        let page = Feedback.student(grades[1], profile: Self.profile)
        #expect(page.markdown.contains("Puntuación:") && page.markdown.contains("Qué falta en la entrega"))
    }

    @Test func formats() throws {
        let folder = try ClassFolder()
        defer { folder.remove() }
        try folder.add("ana", from: "seed/vmware-nat")
        try folder.add("benito, \"el listo\"", from: "checks/vmware-nat-guest-gateway-host")
        let grades = try grade(folder)
        let csv = GradebookCSV.render(grades, profile: Self.profile)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "submission,detected_mode,confidence,expected_mode,score,max_score,expect:guest-subnet,expect:guest-gateway,"
                + Self.profile.checks.map(\.rule).joined(separator: ",") + ",warnings")
        #expect(lines[1].hasPrefix("ana,vmware.nat,0.90,vmware.nat,21,23,2,2,3,"))
        #expect(lines[2].hasPrefix("\"benito, \"\"el listo\"\"\",vmware.nat,"))
        let junit = GradeJUnit.render(grades, profile: Self.profile)
        #expect(junit.contains("<testcase classname=\"ana\" name=\"mode\"/>"))
        #expect(junit.contains("<skipped message=\"missing-input: add the addresses"))
        #expect(junit.contains("<failure message=\"creb routes through 172.16.62.1"))
        #expect(junit.contains("benito, &quot;el listo&quot;"))
        var sarif = JSONStream(pretty: false)
        GradeSARIF.write(grades, profile: Self.profile, catalog: Self.catalog, language: .en, to: &sarif)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.bytes)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count == Self.profile.checks.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.contains { $0["ruleId"] as? String == "nat-gateway-not-nat-device" && $0["level"] as? String == "error" })
        var gradescope = JSONStream(pretty: false)
        GradescopeJSON.write(grades[0], to: &gradescope)
        let results0 = try #require(try JSONSerialization.jsonObject(with: Data(gradescope.bytes)) as? [String: Any])
        #expect(results0["score"] as? Double == 21)
        #expect((results0["tests"] as? [[String: Any]])?.count == grades[0].items.count)
    }
}
