import Foundation
import Testing
import Yams
@testable import VNetDiagKit

/// Mode classification over the fixture folders: each `expected.yaml` names the mode.
@Suite struct ModeTests {
    static let catalog = try! RuleCatalog.load()

    static func verdict(at paths: [String]) throws -> ModeVerdict {
        let machines = try MachineTests.machines(at: paths)
        return ModeClassifier(rules: catalog.modes).classify(machines, facts: TopologyFacts.collect(machines))
    }

    static func verdict(text: String) -> ModeVerdict {
        let machines = MachineTests.machines(text: text)
        return ModeClassifier(rules: catalog.modes).classify(machines, facts: TopologyFacts.collect(machines))
    }

    @Test func everyModeOfTheDesignHasARule() {
        let ids = Set(Self.catalog.modes.map(\.id))
        #expect(ids == ["xen.bridge", "xen.route", "xen.nat", "vmware.bridged", "vmware.hostonly", "vmware.nat",
                        "libvirt.nat", "libvirt.bridge", "libvirt.routed", "libvirt.isolated", "virtualbox.nat",
                        "virtualbox.natnetwork", "virtualbox.hostonly", "virtualbox.bridged", "virtualbox.internal"])
    }

    @Test(arguments: FixtureFolderTests.seedConfigurations)
    func seedMode(_ name: String) throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed").appendingPathComponent(name)
        let expected = try ExpectationMatching.load(folder.appendingPathComponent("expected.yaml"))
        let verdict = try Self.verdict(at: [folder.path])
        let scores = verdict.scores.map { "\($0.rule.id)=\($0.score)" }.joined(separator: " ")
        #expect(verdict.id == expected["mode"]?.string, "\(name): \(verdict.id) [\(scores)]")
        if ProcessInfo.processInfo.environment["VNETDIAG_SHOW_SCORES"] != nil { print("\(name): \(verdict.id) margin \(verdict.margin) confidence \(verdict.confidence) [\(scores)]") }
        if verdict.winner != nil {
            #expect(verdict.margin >= 2 && verdict.confidence > 0, "\(name): margin \(verdict.margin) [\(scores)]")
            // Every matched evidence item quotes at least one fact with its lines.
            for (_, facts) in verdict.winner?.matched ?? [] { #expect(facts.contains { $0.origin != nil }) }
        }
    }

    /// The host side alone cannot tell VMware's modes apart: every VMware host has vmnet1 and vmnet8.
    @Test func vmwareHostAloneIsAmbiguous() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed/vmware-nat/ayla")
        let verdict = try Self.verdict(at: [folder.path])
        #expect(verdict.id == "ambiguous")
        #expect(verdict.hypervisor == "vmware")
        #expect(Set(verdict.candidates.map(\.rule.id)) == ["vmware.bridged", "vmware.hostonly", "vmware.nat"])
        #expect(verdict.missing?.contains("guest side") == true)
    }

    /// domain.md §1/§6: Docker's bridge is not a VM network, and a plain host has none.
    @Test func dockerAndPlainHostsAreNone() {
        let docker = """
        docker0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
                inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255
                ether 02:42:8f:1e:6b:3a  txqueuelen 0  (Ethernet)
        """
        #expect(Self.verdict(text: docker).id == "none")
        let plain = "Kernel IP routing table\nDestination Gateway Genmask Flags Metric Ref Use Iface\n0.0.0.0 192.168.1.1 0.0.0.0 UG 0 0 0 eth0\n"
        #expect(Self.verdict(text: plain).id == "none")
        #expect(Self.verdict(text: "hola\n").id == "unknown")
    }

    /// 10.0.2.15 is VirtualBox NAT on an 08:00:27 NIC, QEMU's slirp on a 52:54:00 one.
    @Test func slirpIsNotVirtualBox() {
        let ifconfig = { (mac: String) in """
        eth0      Link encap:Ethernet  HWaddr \(mac)
                  inet addr:10.0.2.15  Bcast:10.0.2.255  Mask:255.255.255.0
                  UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
        """ }
        #expect(Self.verdict(text: ifconfig("08:00:27:3a:1b:2c")).id == "virtualbox.nat")
        #expect(Self.verdict(text: ifconfig("52:54:00:3a:1b:2c")).id != "virtualbox.nat")
    }

    @Test func badModeRulesAreRefusedWithTheirLine() {
        let unknownFact = """
        id: xen.route
        hypervisor: xen
        mode: route
        title: {en: a, es: b}
        evidence:
          - fact: vif-shares
            weight: 5
            why: {en: a, es: b}
        """
        #expect(throws: RuleError.self) { try ModeRule.load(file: "rules/modes/xen.route.yaml", text: unknownFact) }
        do {
            _ = try ModeRule.load(file: "rules/modes/xen.route.yaml", text: unknownFact)
        } catch {
            #expect(error.line == 6)
            #expect(error.message.contains("unknown fact"))
        }
        let noSpanish = unknownFact.replacingOccurrences(of: "fact: vif-shares\n", with: "fact: vif-shares-host-address\n")
            .replacingOccurrences(of: "why: {en: a, es: b}", with: "why: {en: a}")
        #expect(throws: RuleError.self) { try ModeRule.load(file: "rules/modes/xen.route.yaml", text: noSpanish) }
        let zeroWeight = unknownFact.replacingOccurrences(of: "fact: vif-shares\n", with: "fact: host-route\n")
            .replacingOccurrences(of: "weight: 5", with: "weight: 0")
        #expect(throws: RuleError.self) { try ModeRule.load(file: "rules/modes/xen.route.yaml", text: zeroWeight) }
    }
}
