import Foundation
import Testing
@testable import VNetDiagKit

/// `--schema jc` against every pair in ../shared/peer-fixtures/jc for the formats both tools read.
/// jc's own test compares with deep equality (key order irrelevant), and so does this one.
/// Pairs that may differ are listed with their reason in JCDeviations.md (none today).
@Suite struct JCConformanceTests {
    static let pairs = [
        "ubuntu-16.04/ifconfig", "centos-7.7/ifconfig", "ubuntu-18.04/ifconfig",
        "centos-7.7/route", "centos-7.7/route-vn", "centos-7.7/route-6", "centos-7.7/route-6-n",
        "ubuntu-18.04/route", "ubuntu-18.04/route-vn", "nixos/route-ee",
        "centos-7.7/netstat-r", "centos-7.7/netstat-rne", "centos-7.7/netstat-rnee",
        "ubuntu-18.04/netstat-r", "ubuntu-18.04/netstat-rne", "ubuntu-18.04/netstat-rnee",
        "centos-7.7/arp", "centos-7.7/arp-a", "centos-7.7/arp-v", "centos-8/arp-a",
        "ubuntu-18.04/arp", "ubuntu-18.04/arp-a", "ubuntu-18.04/arp-v",
        "linux-proc/net_arp", "linux-proc/net_route",
        "centos-7.7/ip_route", "ubuntu-18.04/ip_route",
        "windows/windows-10/route",
        "freebsd12/arp-a", "osx-10.11.6/arp-a", "osx-10.14.6/arp-a", "osx-10.14.6/arp-a2", "aix-7.1/arp-a",
        "freebsd12/netstat-r", "osx-10.14.6/netstat-r", "osx-10.14.6/netstat-rnl",
        "osx-10.11.6/ifconfig", "osx-10.11.6/ifconfig2", "osx-10.14.6/ifconfig", "osx-10.14.6/ifconfig2",
        "freebsd12/ifconfig-extra-fields", "freebsd12/ifconfig-extra-fields2", "freebsd12/ifconfig-extra-fields3",
        "freebsd12/ifconfig-extra-fields4",
    ]

    static func deviations() throws -> Set<String> {
        let url = TestPaths.packageRoot.appendingPathComponent("Tests/VNetDiagKitTests/JCDeviations.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        // Rows of the table look like "| `centos-7.7/route` | reason |".
        return Set(text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("| `") else { return nil }
            return line.split(separator: "`").dropFirst().first.map(String.init)
        })
    }

    @Test(arguments: pairs)
    func matchesJC(pair: String) throws {
        let base = TestPaths.jcFixtures.appendingPathComponent(pair)
        let input = FileManager.default.fileExists(atPath: base.path + ".out") ? base.path + ".out" : base.path
        let expected = try Data(contentsOf: URL(fileURLWithPath: base.path + ".json"))
        let results = try Parsing.results(at: [input])
        #expect(results.count == 1, "one section expected in \(pair)")
        #expect(results.allSatisfy { $0.parsed.unparsed.isEmpty }, "unparsed lines in \(pair)")
        let ours = JCSchema.bytes(results)
        let mine = try JSONSerialization.jsonObject(with: Data(ours)) as? NSObject
        let theirs = try JSONSerialization.jsonObject(with: expected) as? NSObject
        if try Self.deviations().contains(pair) { return }
        #expect(mine == theirs, "jc JSON differs for \(pair):\n\(String(decoding: ours, as: UTF8.self))")
    }

    @Test func sharedFixturesArePresent() {
        #expect(FileManager.default.fileExists(atPath: TestPaths.jcFixtures.appendingPathComponent("INDEX.md").path),
                "jc fixtures not found at \(TestPaths.jcFixtures.path); set VNETDIAG_SHARED")
    }
}
