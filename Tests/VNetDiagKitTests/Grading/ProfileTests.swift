import Foundation
import Testing
@testable import VNetDiagKit

/// Lab profiles: the six built in, and broken ones refused before any grading starts.
@Suite struct ProfileTests {
    static let catalog = try! RuleCatalog.load()

    @Test(arguments: ["xen.bridge", "xen.route", "xen.nat", "vmware.bridged", "vmware.hostonly", "vmware.nat"])
    func builtInProfileLoads(_ id: String) throws {
        let profile = try Self.catalog.profile(id) { _ in nil }
        #expect(profile.mode == id)
        #expect(profile.total == profile.modePoints + profile.expectations.reduce(0) { $0 + $1.points } + profile.checks.reduce(0) { $0 + $1.points })
        #expect(!profile.title.en.isEmpty && !profile.title.es.isEmpty && profile.title.en != profile.title.es)
        #expect(profile.checks.count >= 5)
    }

    static let valid = """
    id: lab
    kind: profile
    title: {en: Lab, es: Práctica}
    mode: {id: vmware.nat, points: 2}
    expect:
      - {id: gw, what: gateway, role: guest, value: 172.16.62.2, points: 1, title: {en: gateway, es: pasarela}}
    checks:
      - {rule: guest-default-route-missing, points: 2}
    total: 5
    """

    @Test(arguments: [
        ("{rule: guest-default-route-missing, points: 2}", "{rule: no-such-check, points: 2}", 8, "unknown check 'no-such-check'"),
        ("total: 5", "total: 6", 9, "total 6 is not the sum"),
        ("mode: {id: vmware.nat, points: 2}", "mode: {id: vmware.natt, points: 2}", 4, "is not a mode"),
        ("value: 172.16.62.2", "pattern: '(unclosed'", 6, "pattern does not compile"),
        ("value: 172.16.62.2", "value: 172.16.62", 6, "is not an IPv4 address"),
        ("title: {en: Lab, es: Práctica}", "title: {en: Lab}", 3, "needs both 'en' and 'es'"),
    ])
    func brokenProfileIsRefusedWithItsLine(_ from: String, _ to: String, _ line: Int, _ message: String) {
        #expect(throws: Never.self) { try LabProfile.load(file: "lab.yaml", text: Self.valid, catalog: Self.catalog) }
        do {
            _ = try LabProfile.load(file: "lab.yaml", text: Self.valid.replacingOccurrences(of: from, with: to), catalog: Self.catalog)
            Issue.record("accepted: \(to)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }
}
