import Foundation
import Testing
@testable import VNetDiagKit

/// Every rule gives exactly one of pass, fail, skip (with its reason) or error.
@Suite struct CheckRunnerTests {
    static func rule(_ fail: String, scope: String = "{role: any}", requires: String = "[]") throws -> CheckRule {
        try CheckRule.load(file: "rules/checks/probe.yaml", text: """
        id: probe
        kind: check
        catalogue: [M04]
        severity: error
        title: {en: Probe, es: Sonda}
        scope: \(scope)
        requires: \(requires)
        fail: "\(fail)"
        message: {en: "{{machine.name}}", es: "{{machine.name}}"}
        explanation: {en: Why., es: Por qué.}
        fix: {en: Fix., es: Arreglo.}
        references: [test]
        examples:
          - {fires: true, files: {guest/r.txt: x}}
          - {fires: false, files: {guest/r.txt: y}}
        """)
    }

    static func machines(_ folder: String, _ text: String) -> [Machine] {
        let document = TextDocument(InputDocument(name: "\(folder)/route-n.txt", bytes: Array(text.utf8), truncated: false,
                                                  wasCompressed: false, folders: [folder]))
        return Diagnosis.run(ParsePipeline().parse([document]), catalog: RuleCatalog()).machines
    }

    static let routeTable = """
    Kernel IP routing table
    Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
    10.0.2.0        0.0.0.0         255.255.255.0   U     0      0        0 eth0
    """

    func run(_ rule: CheckRule, on machines: [Machine], mode: String = "vmware.nat") -> CheckResult {
        var runner = CheckRunner(context: CheckContext(machines: machines, mode: CheckMode(assumed: mode)))
        return runner.run(rule)
    }

    @Test func passFailAndTheSkipReasons() throws {
        let guest = Self.machines("guest", Self.routeTable)
        #expect(run(try Self.rule("size(machine.defaultRoutes) == 0"), on: guest).outcome.status == "fail")
        #expect(run(try Self.rule("size(machine.defaultRoutes) > 0"), on: guest).outcome.status == "pass")
        let otherMode = run(try Self.rule("true", scope: "{mode: [xen.route], role: any}"), on: guest)
        #expect(otherMode.skipReason == .notApplicable)
        let noHost = run(try Self.rule("true", scope: "{role: host}"), on: guest)
        #expect(noHost.skipReason == .notApplicable)
        let missing = run(try Self.rule("true", requires: "[sysctls]"), on: guest)
        #expect(missing.skipReason == .missingInput)
        #expect(missing.message(.en).contains("sysctls"))
        var disabled = try Self.rule("true")
        disabled.enabled = false
        #expect(run(disabled, on: guest).skipReason == .disabled)
        var waived = try Self.rule("true")
        waived.waiver = "known"
        #expect(run(waived, on: guest).skipReason == .waived)
    }

    /// A pattern that exhausts PCRE2's match limit is an `error` result, not a silent pass.
    @Test func aPatternHittingItsMatchLimitIsAnError() throws {
        let machines = Self.machines(String(repeating: "a", count: 40) + "!", Self.routeTable)
        let result = run(try Self.rule("machine.name =~ '^([a-z]+ ?)*$'"), on: machines)
        guard case .error(let message) = result.outcome else {
            Issue.record("expected an error, got \(result.outcome.status)")
            return
        }
        #expect(message.contains("rules/checks/probe.yaml"))
        #expect(CheckTally([result]).reaches(.error), "an error counts for --fail-on")
    }

    /// Unknown facts never fire a check on their own.
    @Test func aMissingFactDoesNotFire() throws {
        let guest = Self.machines("guest", Self.routeTable)
        let result = run(try Self.rule("!inSubnet(first(machine.defaultRoutes).gateway, cidr('10.0.2.0/24'))"), on: guest)
        #expect(result.outcome.status == "pass")
    }
}
