import Foundation
import Testing
@testable import VNetDiagKit

/// `rules`, `explain`, `diagnose --fail-on`, `--rules` and `.vnetdiag.yaml`, run as a user would.
@Suite(.serialized) struct RulesCommandTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TestPaths.binary.path), "build the binary first: swift build")
    }

    func fixture(_ path: String) -> String { TestPaths.fixtures.appendingPathComponent(path).path }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-rules-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func listShowsEveryCheck() throws {
        let result = try CommandRunner.run(["rules", "list", "--lang", "en"])
        #expect(result.status == 0)
        let catalog = try RuleCatalog.load()
        for rule in catalog.checks { #expect(result.text.contains(rule.id)) }
        #expect(result.text.contains("\(catalog.checks.count) checks"))
    }

    @Test func showSpeaksSpanish() throws {
        let result = try CommandRunner.run(["rules", "show", "nat-gateway-not-nat-device"], environment: ["LANG": "es_ES.UTF-8", "LC_ALL": ""])
        #expect(result.status == 0)
        #expect(result.text.contains("Invitado NAT que no usa el dispositivo NAT"))
        #expect(result.text.contains("fail: index != 2"))
        let missing = try CommandRunner.run(["rules", "show", "no-such-check"])
        #expect(missing.status == 2 && missing.stderr.contains("no-such-check"))
    }

    @Test func lintAcceptsTheBuiltInRulesAndReportsEveryBrokenOne() throws {
        let good = try CommandRunner.run(["rules", "lint"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.text.contains("0 broken"))
        let broken = try CommandRunner.run(["rules", "lint", "--rules", BrokenRulesTests.folder])
        #expect(broken.status == 2)
        for (file, _, message) in try BrokenRulesTests.expectations() {
            #expect(broken.stderr.contains("\(file)") && broken.stderr.contains(message), "\(file) not reported")
        }
    }

    @Test func testRunsEveryExample() throws {
        let result = try CommandRunner.run(["rules", "test", "--root", TestPaths.packageRoot.path])
        #expect(result.status == 0, "\(result.text)")
        #expect(result.text.contains(" 0 failed"))
    }

    @Test func explainShowsWhyACheckFired() throws {
        let result = try CommandRunner.run(["explain", "nat-gateway-not-nat-device", fixture("checks/vmware-nat-guest-gateway-host"), "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.text.contains("the mode here is vmware.nat, which the rule's scope includes"))
        #expect(result.text.contains("FIRES"))
        #expect(result.text.contains("hostIndex(item.gateway, subnet) = 1"))
        #expect(result.text.contains("index != 2 = true"))
        #expect(result.text.contains("creb/route-n.txt:5"))
    }

    @Test func explainShowsWhyACheckDidNotApply() throws {
        let result = try CommandRunner.run(["explain", "guest-default-route-missing", fixture("seed/vmware-hostonly"), "--lang", "en"])
        #expect(result.text.contains("Result: skip (not-applicable)"))
        #expect(result.text.contains("the mode here is vmware.hostonly"))
        let missing = try CommandRunner.run(["explain", "ip-forward-off", fixture("seed/xen-route"), "--lang", "en"])
        #expect(missing.text.contains("missing-input"))
        #expect(missing.text.contains("missing on dom0: sysctls"))
    }

    @Test func failOnDecidesTheExitStatus() throws {
        let broken = fixture("checks/xen-route-no-host-route")
        #expect(try CommandRunner.run(["diagnose", broken]).status == 1)
        #expect(try CommandRunner.run(["diagnose", broken, "--fail-on", "none"]).status == 0)
        #expect(try CommandRunner.run(["diagnose", fixture("seed/xen-route")]).status == 0)
        #expect(try CommandRunner.run(["diagnose", fixture("seed/xen-route"), "--fail-on", "loud"]).status == 2)
    }

    @Test func findingsHaveOneEntryPerCheck() throws {
        let result = try CommandRunner.run(["diagnose", fixture("checks/xen-route-no-host-route"), "--format", "json", "--fail-on", "none"])
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == (try RuleCatalog.load()).checks.count)
        for finding in findings {
            let status = finding["status"] as? String ?? ""
            #expect(["pass", "fail", "skip", "error"].contains(status))
            if status == "skip" { #expect(["not-applicable", "missing-input", "waived", "disabled"].contains(finding["reason"] as? String ?? "")) }
        }
        let failing = try #require(findings.first { $0["rule"] as? String == "xen-route-vif-without-host-route" })
        #expect(failing["status"] as? String == "fail")
        let evidence = try #require(failing["evidence"] as? [[String: Any]])
        #expect(evidence.contains { ($0["file"] as? String ?? "").hasSuffix("dom0/ifconfig.txt") && $0["line"] as? Int == 22 })
        let summary = try #require((report["summary"] as? [String: Any])?["checks"] as? [String: Int])
        #expect(summary.values.reduce(0, +) == findings.count)
    }

    /// A teacher's folder: a rule with an existing id replaces it; a new one is added.
    @Test func teachersRulesReplaceAndAdd() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checks = folder.appendingPathComponent("checks")
        try FileManager.default.createDirectory(at: checks, withIntermediateDirectories: true)
        let original = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("rules/checks/guest-default-route-missing.yaml"), encoding: .utf8)
        try original.replacingOccurrences(of: "severity: error", with: "severity: warning")
            .write(to: checks.appendingPathComponent("guest-default-route-missing.yaml"), atomically: true, encoding: .utf8)
        let broken = fixture("checks/vmware-nat-guest-no-default-route")
        let replaced = try CommandRunner.run(["diagnose", broken, "--rules", folder.path, "--format", "json"])
        #expect(replaced.status == 0, "a warning is below the default --fail-on error")
        #expect(replaced.text.contains(#""rule":"guest-default-route-missing","status":"fail","reason":null,"severity":"warning""#))
        let list = try CommandRunner.run(["rules", "list", "--rules", folder.path])
        #expect(list.text.components(separatedBy: "guest-default-route-missing").count == 2, "listed once")
    }

    @Test func settingsFileDisablesRegradesAndRefusesUnknownIDs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = fixture("checks/vmware-nat-guest-no-default-route")
        let settings = folder.appendingPathComponent(".vnetdiag.yaml")
        try "disable: [guest-default-route-missing]\n".write(to: settings, atomically: true, encoding: .utf8)
        let disabled = try CommandRunner.run(["diagnose", broken, "--format", "json"], in: folder)
        #expect(disabled.status == 0)
        #expect(disabled.text.contains(#""rule":"guest-default-route-missing","status":"skip","reason":"disabled""#))
        try "severity: {guest-default-route-missing: info}\nwaive: {nat-gateway-not-nat-device: \"lab 3 uses .1 on purpose\"}\n"
            .write(to: settings, atomically: true, encoding: .utf8)
        let regraded = try CommandRunner.run(["diagnose", broken, "--format", "json"], in: folder)
        #expect(regraded.status == 0)
        #expect(regraded.text.contains(#""severity":"info""#))
        #expect(regraded.text.contains(#""reason":"waived""#))
        #expect(try CommandRunner.run(["diagnose", broken, "--fail-on", "info"], in: folder).status == 1)
        try "disable: [no-such-check]\n".write(to: settings, atomically: true, encoding: .utf8)
        let unknown = try CommandRunner.run(["diagnose", broken], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains(".vnetdiag.yaml:1: unknown check id 'no-such-check'"))
    }
}

/// `vnetdiag check` over fixture folders, as CI runs it.
@Suite(.serialized) struct CheckCommandTests {
    @Test func projectFixturesAgree() throws {
        let result = try CommandRunner.run(["check", TestPaths.fixtures.path])
        #expect(result.status == 0, "\(result.text)")
        #expect(result.text.contains(" 0 disagree"))
    }

    @Test func aDisagreementIsShownAsADiffAndUpdateRewritesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-check-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: TestPaths.fixtures.appendingPathComponent("checks/xen-route-no-host-route"), to: folder)
        let expected = folder.appendingPathComponent("expected.yaml")
        let original = try String(contentsOf: expected, encoding: .utf8)
        try original.replacingOccurrences(of: "mode: xen.route", with: "mode: xen.nat")
            .replacingOccurrences(of: "xen-route-vif-without-host-route", with: "ip-forward-off")
            .write(to: expected, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check", folder.path])
        #expect(result.status == 1)
        #expect(result.text.contains("- mode: xen.nat") && result.text.contains("+ mode: xen.route"))
        #expect(result.text.contains("- ip-forward-off: fail"))
        #expect(result.text.contains("+ xen-route-vif-without-host-route: fail"))
        #expect(result.text.contains("1 fixtures: 0 agree, 1 disagree"))
        let updated = try CommandRunner.run(["check", "--update", folder.path])
        #expect(updated.status == 0)
        #expect(try CommandRunner.run(["check", folder.path]).status == 0, "agrees after --update")
        let rewritten = try String(contentsOf: expected, encoding: .utf8)
        #expect(rewritten.contains("source: ") && rewritten.contains("mode: xen.route") && rewritten.contains("rule: xen-route-vif-without-host-route"))
    }
}
