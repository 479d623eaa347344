import Foundation
import Testing
@testable import VNetDiagKit

/// Xen route mode puts dom0's own LAN address on every vif as /32 and routes guests that live on
/// the LAN's subnet: sharing that subnet is not being a guest (only owning a routed address is).
@Suite struct RouteModeRoleTests {
    @Test func aLANMachineBesideARouteModeHostIsNotAGuest() throws {
        let seed = TestPaths.fixtures.appendingPathComponent("seed/xen-route/dom0")
        var documents = try InputReader().read(paths: [seed.path]).map { input in
            var input = input
            input.folders = ["dom0"]
            return TextDocument(input)
        }
        // Invented: the outside machine's own ifconfig, on the LAN like ranec in the seed.
        let ranec = """
        eth1      Link encap:Ethernet  HWaddr 00:0F:EA:91:04:07
                  inet addr:192.168.0.5  Bcast:192.168.0.255  Mask:255.255.255.0
                  UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
        """
        documents.append(TextDocument(InputDocument(name: "ranec/ifconfig.txt", bytes: Array(ranec.utf8), truncated: false,
                                                    wasCompressed: false, folders: ["ranec"])))
        let domu = """
        eth0      Link encap:Ethernet  HWaddr 00:16:3E:4A:11:02
                  inet addr:192.168.0.100  Bcast:192.168.0.255  Mask:255.255.255.0
                  UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
        """
        documents.append(TextDocument(InputDocument(name: "vm/ifconfig.txt", bytes: Array(domu.utf8), truncated: false,
                                                    wasCompressed: false, folders: ["vm"])))
        let diagnosis = Diagnosis.run(ParsePipeline().parse(documents), catalog: try RuleCatalog.load())
        let roles = Dictionary(uniqueKeysWithValues: diagnosis.machines.map { ($0.name, $0.role) })
        #expect(roles["dom0"] == .host)
        #expect(roles["ranec"] != .guest, "\(diagnosis.machines.first { $0.name == "ranec" }?.roleReasons.map(\.message.en) ?? [])")
        #expect(roles["vm"] == .guest, "the routed address 192.168.0.100 is the guest's own")
        #expect(diagnosis.verdict.id == "xen.route")
    }
}
