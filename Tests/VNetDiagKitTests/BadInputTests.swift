import Foundation
import Testing
@testable import VNetDiagKit

/// Hostile and broken input: never a crash or a hang; records for what parsed, the rest unparsed.
@Suite struct BadInputTests {
    @Test func emptyInputHasNoSections() {
        #expect(Parsing.results(text: "").isEmpty)
        #expect(Parsing.results(text: "\n\n  \n").isEmpty)
    }

    /// Every registered format, forced onto garbage, and no format at all.
    @Test(arguments: [nil] + ParserRegistry.formatNames.map(\.rawValue) as [String?])
    func binaryGarbageIsUnparsedNotFatal(forced: String?) {
        var generator = SplitMix64(seed: 2026)
        let bytes = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let document = TextDocument(InputDocument(name: "garbage.bin", bytes: bytes, truncated: false, wasCompressed: false))
        let results = ParsePipeline().parse(document, forcedFormat: forced.map { FormatName(rawValue: $0) })
        #expect(!results.isEmpty)
        #expect(results.allSatisfy { $0.parsed.records.isEmpty })
        if forced != nil { #expect(results.allSatisfy { !$0.parsed.unparsed.isEmpty }) }
    }

    @Test func fiftyMegabyteLineWithoutNewline() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20)
        let document = TextDocument(InputDocument(name: "long", bytes: bytes, truncated: false, wasCompressed: false))
        #expect(document.lineCount == 1)
        let results = ParsePipeline().parse(document, forcedFormat: "ifconfig")
        #expect(results.count == 1)
        #expect(results[0].parsed.unparsed.count == 1)
        #expect(results[0].parsed.unparsed[0].line == 1)
    }

    @Test func truncatedTablesKeepTheirGoodRows() {
        let ifconfig = """
        eth0      Link encap:Ethernet  HWaddr 00:40:D0:65:B2:84
                  inet addr:192.168.0.64  Bcast:192.168.0.255  Mask:255.255.255.0
                  UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
                  RX byte
        """
        let results = Parsing.results(text: ifconfig)
        #expect(results.first?.parsed.records.count == 1)
        #expect(results.first?.parsed.unparsed.map(\.line) == [4])

        let arp = "IP address       HW type     Flags       HW address            Mask     Device\n192.168.0.1      0x1         0x2         00:50:56:c0:00:08     *        eth0\n192.168.0.2      0x1     "
        let arpResults = Parsing.results(text: arp)
        #expect(arpResults.first?.parsed.records.count == 1)
        #expect(arpResults.first?.parsed.unparsed.map(\.line) == [3])
    }

    @Test func omissionMarksAndRedactionsAreNotErrors() {
        let text = """
        eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
                inet 190.174.47.***  netmask 255.255.255.0  broadcast 190.174.47.255
                ...
                ether xx:xx:xx:xx:xx:xx  txqueuelen 1000  (Ethernet)
        """
        let result = Parsing.results(text: text).first
        #expect(result?.parsed.unparsed.isEmpty == true)
        guard case .interface(let interface)? = result?.parsed.records.first else {
            Issue.record("no interface parsed")
            return
        }
        #expect(interface.ipv4.first?.address == .redacted("190.174.47.***"))
        #expect(interface.mac == nil)
        #expect(interface.hardwareAddressText == "xx:xx:xx:xx:xx:xx")
    }

    /// `iptables -S` lines cut after an option (`-A POSTROUTING -s`) crashed the parser once: the
    /// option's value was read past the end of the line.
    @Test(arguments: ["-s", "--source", "-d", "-i", "-o", "-p", "-j", "--jump", "!"])
    func iptablesOptionAtTheEndOfALine(_ option: String) {
        let results = Parsing.results(text: "-P POSTROUTING ACCEPT\n-A POSTROUTING \(option)\n", forced: FormatName(rawValue: "iptables"))
        let rules = results.flatMap(\.parsed.records).compactMap { record -> FirewallRuleRecord? in
            if case .firewallRule(let rule) = record { return rule } else { return nil }
        }
        #expect(rules.count == 1)
        #expect(rules.first?.source == nil && rules.first?.target == nil)
    }
}

/// A small deterministic generator, so the garbage is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
