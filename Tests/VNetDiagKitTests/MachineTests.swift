import Foundation
import Testing
import Yams
@testable import VNetDiagKit

/// Sections grouped into machines, and each machine's role with its reasons.
@Suite struct MachineTests {
    static func machines(at paths: [String]) throws -> [Machine] {
        MachineRoles.assign(MachineGrouping.group(try Parsing.results(at: paths)))
    }

    static func machines(text: String, name: String = "paste.txt") -> [Machine] {
        MachineRoles.assign(MachineGrouping.group(Parsing.results(text: text, name: name)))
    }

    @Test(arguments: FixtureFolderTests.seedConfigurations)
    func seedMachines(_ name: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed").appendingPathComponent(name)
        let expected = try ExpectationMatching.load(folder.appendingPathComponent("expected.yaml"))
        let machines = try Self.machines(at: [folder.path])
        guard let want = expected["machines"] else {
            Issue.record("\(name)/expected.yaml has no machines list")
            return
        }
        if let problem = ExpectationMatching.mismatch(want, MachineJSON.json(machines), path: "machines") {
            Issue.record("\(name): \(problem)")
        }
        // Every role but `unknown` rests on at least one reason pointing at lines, or on the name.
        for machine in machines where machine.role != .unknown {
            #expect(machine.roleReasons.contains { $0.role == machine.role }, "\(name)/\(machine.name)")
        }
    }

    @Test func rangecSeesTheXenHostFromOutside() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed/xen-route")
        let ranec = try #require(try Self.machines(at: [folder.path]).first { $0.name == "ranec" })
        let reason = try #require(ranec.roleReasons.first { $0.role == .observer })
        #expect(reason.message.en.contains("dom0's eth0") && reason.message.es.contains("eth0 de dom0"))
        #expect(reason.origin?.source.hasSuffix("ranec/session.txt") == true)
    }

    @Test func promptsNameMachinesInOnePaste() {
        let text = """
        ayla:~# ifconfig vmnet1
        vmnet1 Link encap:Ethernet  HWaddr 00:50:56:C0:00:01
        inet addr:192.168.127.1  Bcast:192.168.127.255  Mask:255.255.255.0
        UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1

        alberto@creb:~$ /sbin/route -n
        Kernel IP routing table
        Destination      Gateway          Genmask         Iface
        192.168.127.0    0.0.0.0         255.255.255.0  eth0
        """
        let machines = Self.machines(text: text)
        #expect(machines.map(\.name) == ["ayla", "creb"])
        #expect(machines.map(\.nameSource) == [.prompt, .prompt])
        #expect(machines.map(\.role) == [.host, .guest])
        #expect(machines[1].roleReasons.first?.message.en.contains("ayla's vmnet1") == true)
    }

    /// Two `ifconfig` outputs pasted without prompts: the second `eth0` has another MAC, so it is
    /// another machine (invented paste from the seed's host and bridged guest).
    @Test func contentSplitsAPromptlessPasteOfTwoMachines() {
        let text = """
        eth0  Link encap:Ethernet  HWaddr 00:40:D0:65:B2:84
        inet addr:192.168.0.64  Bcast:192.168.0.255  Mask:255.255.255.0
        UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1

        vmnet1 Link encap:Ethernet  HWaddr 00:50:56:C0:00:01
        inet addr:192.168.127.1  Bcast:192.168.127.255  Mask:255.255.255.0
        UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1

        Kernel IP routing table
        Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
        192.168.0.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0

        eth0  Link encap:Ethernet  HWaddr 00:0C:29:73:A4:09
        inet addr:192.168.0.70  Bcast:192.168.0.255  Mask:255.255.255.0
        UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
        """
        let machines = Self.machines(text: text, name: "lab/mezcla.txt")
        #expect(machines.map(\.name) == ["mezcla", "mezcla-2"])
        #expect(machines.map(\.nameSource) == [.file, .content])
        #expect(machines.map(\.role) == [.host, .guest])
    }

    /// Two submissions that both have a `host/` folder are two machines with two names.
    @Test func sameFolderNameInTwoPlacesIsTwoMachines() {
        let text = "Kernel IP routing table\nDestination Gateway Genmask Flags Metric Ref Use Iface\n0.0.0.0 10.0.2.2 0.0.0.0 UG 0 0 0 eth0\n"
        let documents = [["alumno1", "host"], ["alumno2", "host"]].map { folders in
            TextDocument(InputDocument(name: folders.joined(separator: "/") + "/route.txt", bytes: Array(text.utf8),
                                       truncated: false, wasCompressed: false, folders: folders))
        }
        let (machines, labelled) = MachineGrouping.grouped(ParsePipeline().parse(documents))
        #expect(machines.map(\.name) == ["host", "alumno2/host"])
        #expect(labelled.map(\.machine) == ["host", "alumno2/host"])
        #expect(machines.allSatisfy { $0.routes.count == 1 })
    }

    @Test func standardInputIsOneMachine() {
        let machines = Self.machines(text: "Kernel IP routing table\nDestination Gateway Genmask Flags Metric Ref Use Iface\n0.0.0.0 10.0.2.2 0.0.0.0 UG 0 0 0 eth0\n", name: "-")
        #expect(machines.map(\.name) == ["stdin"])
        #expect(machines.first?.role == .unknown)
    }

    /// Docker's and LXC's bridges are not virtual-machine networks: a Docker host is no VM host.
    @Test func containerBridgesDoNotMakeAHost() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("parsers")
        let captures = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        for name in captures where name.contains("docker") {
            let machines = try Self.machines(at: [folder.appendingPathComponent(name).path])
            #expect(machines.allSatisfy { $0.role != .host }, "\(name)")
        }
        let text = """
        docker0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
                inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255
                ether 02:42:8f:1e:6b:3a  txqueuelen 0  (Ethernet)
        """
        #expect(Self.machines(text: text).first?.role == .unknown)
    }

    @Test func parseReportNamesMachinesByFolder() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed/vmware-nat")
        let sections = Parsing.nativeSections(try Parsing.results(at: [folder.path]))
        let names = sections.compactMap { ExpectationMatching.text(of: $0["machine"]) }
        #expect(names == ["ayla", "ayla", "creb"])
    }
}
