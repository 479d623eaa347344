import Foundation
import Testing
@testable import VNetDiagKit

/// Guest ↔ host joins by hardware address (domain.md §7.3).
@Suite struct TopologyJoinTests {
    @Test(arguments: [
        ("fe80::5054:ff:fe12:3456", "52:54:00:12:34:56"),
        ("fe80::fcff:ffff:feff:ffff", "fe:ff:ff:ff:ff:ff"),  // the seed's Xen backend link-local
        ("fe80::20c:29ff:fe73:a409%eth0", "00:0c:29:73:a4:09"),
        ("fe80::1", nil), ("not an address", nil), ("fe80::1::2", nil),
    ] as [(String, String?)])
    func eui64(_ address: String, _ mac: String?) {
        #expect(EUI64.mac(fromIPv6: address)?.description == mac)
    }

    static func diagnosis(_ files: [(String, String)]) -> Diagnosis {
        let results = ParsePipeline().parse(files.map { name, text in
            TextDocument(InputDocument(name: name, bytes: Array(text.utf8), truncated: false, wasCompressed: false,
                                       folders: [String(name.split(separator: "/")[0])]))
        })
        return Diagnosis.run(results, catalog: ModeTests.catalog)
    }

    /// Invented: a host's `ip neigh` holds the guest's MAC under IPv4 and under its EUI-64 link-local.
    @Test func hostNeighbourTableJoinsTheGuest() {
        let diagnosis = Self.diagnosis([
            ("host/ip-neigh.txt", """
            root@host:~# ip neigh
            192.168.122.50 dev virbr0 lladdr 52:54:00:12:34:56 STALE
            fe80::5054:ff:fe12:3456 dev virbr0 lladdr 52:54:00:12:34:56 STALE
            """),
            ("host/ip-addr.txt", """
            root@host:~# ip addr
            3: virbr0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                link/ether 52:54:00:8e:aa:01 brd ff:ff:ff:ff:ff:ff
                inet 192.168.122.1/24 brd 192.168.122.255 scope global virbr0
                   valid_lft forever preferred_lft forever
            """),
            ("guest1/ip-addr.txt", """
            root@guest1:~# ip addr
            2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
                inet 192.168.122.50/24 brd 192.168.122.255 scope global eth0
                   valid_lft forever preferred_lft forever
            """),
        ])
        let joins = diagnosis.topology.edges.filter { $0.from == "machine:host" && $0.to == "machine:guest1" }
        #expect(joins.count == 2)
        #expect(joins.allSatisfy { $0.observed })
        #expect(joins.contains { $0.label.hasPrefix("ARP 192.168.122.50") })
        #expect(joins.contains { $0.label.hasPrefix("EUI-64 fe80::5054:ff:fe12:3456") })
    }
}
