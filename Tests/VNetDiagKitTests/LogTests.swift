import Foundation
import Testing
@testable import VNetDiagKit

@Suite struct EnvelopeTests {
    static let reader = EnvelopeReader(year: 2026, timeZone: TimeZone(identifier: "UTC")!)

    struct Case: Sendable, CustomStringConvertible {
        let line: String
        let host: String?
        let program: String?
        let pid: Int?
        let iso: String?
        let message: String
        var description: String { line }
    }

    /// Shapes from formats.md §8.1–8.2 (captured with rsyslog 8.2302 and systemd 252 there).
    static let cases: [Case] = [
        Case(line: "Nov 25 21:42:21 vm dhcpd[1234]: DHCPDISCOVER from 52:54:00:12:34:56 via virbr0", host: "vm",
             program: "dhcpd", pid: 1234, iso: "2026-11-25T21:42:21Z", message: "DHCPDISCOVER from 52:54:00:12:34:56 via virbr0"),
        Case(line: "Nov  5 09:01:02 host kernel: [  365.412907] virbr0: port 1(vnet0) entered forwarding state", host: "host",
             program: "kernel", pid: nil, iso: "2026-11-05T09:01:02Z", message: "virbr0: port 1(vnet0) entered forwarding state"),
        Case(line: "2026-11-25T21:42:21.066851+00:00 vm dhcpd[1234]: DHCPDISCOVER from 52:54:00:12:34:56 via virbr0", host: "vm",
             program: "dhcpd", pid: 1234, iso: "2026-11-25T21:42:21.066851Z", message: "DHCPDISCOVER from 52:54:00:12:34:56 via virbr0"),
        Case(line: "<13>1 2026-11-25T21:42:21.066851+00:00 vm dhcpd 1234 - -  DHCPDISCOVER from 52:54:00:12:34:56 via virbr0",
             host: "vm", program: "dhcpd", pid: 1234, iso: "2026-11-25T21:42:21.066851Z",
             message: " DHCPDISCOVER from 52:54:00:12:34:56 via virbr0"),
        Case(line: "nov 25 22:42:43 host1 dnsmasq-dhcp[2201]: DHCPDISCOVER(virbr0) 52:54:00:12:34:56 ", host: "host1",
             program: "dnsmasq-dhcp", pid: 2201, iso: "2026-11-25T22:42:43Z", message: "DHCPDISCOVER(virbr0) 52:54:00:12:34:56 "),
        Case(line: "Dez 05 22:42:43 host1 dnsmasq-dhcp[2201]: DHCPACK(virbr0) 1.2.3.4 52:54:00:12:34:56 g", host: "host1",
             program: "dnsmasq-dhcp", pid: 2201, iso: "2026-12-05T22:42:43Z", message: "DHCPACK(virbr0) 1.2.3.4 52:54:00:12:34:56 g"),
        Case(line: "févr. 05 22:42:43 host1 kernel: eth0: Promiscuous mode enabled.", host: "host1", program: "kernel", pid: nil,
             iso: "2026-02-05T22:42:43Z", message: "eth0: Promiscuous mode enabled."),
        Case(line: "2026-11-25T22:42:43+0100 host1 dnsmasq-dhcp[2201]: DHCPACK(virbr0) 1.2.3.4 52:54:00:12:34:56 g", host: "host1",
             program: "dnsmasq-dhcp", pid: 2201, iso: "2026-11-25T21:42:43Z", message: "DHCPACK(virbr0) 1.2.3.4 52:54:00:12:34:56 g"),
        Case(line: "Nov 25 22:42:43.666140 host1 dhclient[812]: bound to 192.168.122.50 -- renewal in 1687 seconds.", host: "host1",
             program: "dhclient", pid: 812, iso: "2026-11-25T22:42:43.666140Z", message: "bound to 192.168.122.50 -- renewal in 1687 seconds."),
        // busybox syslogd prints facility.level after the host (captured in Fixtures/problems/m11-dhcp-pool-exhausted).
        Case(line: "Nov 26 01:50:01 kvmhost daemon.info dnsmasq-dhcp[41]: DHCPDISCOVER(virbr0) 52:54:00:ab:cd:ef no address available",
             host: "kvmhost", program: "dnsmasq-dhcp", pid: 41, iso: "2026-11-26T01:50:01Z",
             message: "DHCPDISCOVER(virbr0) 52:54:00:ab:cd:ef no address available"),
        Case(line: "[  365.412907] virbr0: port 1(vnet0) entered forwarding state", host: nil, program: nil, pid: nil, iso: nil,
             message: "virbr0: port 1(vnet0) entered forwarding state"),
        Case(line: "[Wed Nov 25 21:42:21 2026] virbr0: port 1(vnet0) entered forwarding state", host: nil, program: nil, pid: nil,
             iso: "2026-11-25T21:42:21Z", message: "virbr0: port 1(vnet0) entered forwarding state"),
        Case(line: "vmnet-dhcpd: DHCPACK on 172.16.62.128 to 00:0c:29:73:a4:09 via vmnet8", host: nil, program: "vmnet-dhcpd",
             pid: nil, iso: nil, message: "DHCPACK on 172.16.62.128 to 00:0c:29:73:a4:09 via vmnet8"),
        Case(line: "kernel: /dev/vmnet: open called by PID 5428 (vmnet-bridge)", host: nil, program: "kernel", pid: nil, iso: nil,
             message: "/dev/vmnet: open called by PID 5428 (vmnet-bridge)"),
        Case(line: #"{"_HOSTNAME":"host1","SYSLOG_IDENTIFIER":"dnsmasq-dhcp","__REALTIME_TIMESTAMP":"1795642963666140","MESSAGE":"DHCPDISCOVER(virbr0) 52:54:00:12:34:56 ","_PID":"2201","PRIORITY":"6"}"#,
             host: "host1", program: "dnsmasq-dhcp", pid: 2201, iso: "2026-11-25T21:42:43.666140Z",
             message: "DHCPDISCOVER(virbr0) 52:54:00:12:34:56 "),
    ]

    @Test(arguments: cases)
    func envelopeIsRead(_ example: Case) {
        let bytes = Array(example.line.utf8)
        let envelope = bytes.withUnsafeBytes { Self.reader.read($0) }
        #expect(envelope.host == example.host)
        #expect(envelope.program == example.program)
        #expect(envelope.pid == example.pid)
        #expect(envelope.time?.epoch.map(EventsReport.iso) == example.iso)
        let message = envelope.decodedMessage ?? String(decoding: bytes[envelope.message], as: UTF8.self)
        #expect(message == example.message)
    }
}

@Suite struct LogScannerTests {
    static let scanner = LogScanner(rules: try! RuleCatalog.load().extractors)
    static let seedSyslog = try! String(contentsOf: TestPaths.fixtures.appendingPathComponent("seed/vmware-hostonly/ayla/syslog"),
                                        encoding: .utf8)

    static func scan(_ bytes: [UInt8], chunkSize: Int = 1 << 22, options: LogScanOptions = LogScanOptions()) -> ([LogEvent], LogScanStats) {
        var source: any ChunkSource = BufferSource(bytes: bytes)
        var stats = LogScanStats()
        var events: [LogEvent] = []
        var options = options
        options.chunkSize = chunkSize
        try? scanner.scan(&source, name: "log", envelopes: EnvelopeReader(year: 2026, timeZone: TimeZone(identifier: "UTC")!),
                          options: options, stats: &stats) { events.append($0) }
        return (events, stats)
    }

    static func summary(_ events: [LogEvent]) -> [String] {
        events.map { "\($0.origin.line) \($0.kind) \($0.fields.map { "\($0.name)=\($0.value)" }.joined(separator: " "))" }
    }

    @Test func seedHostOnlyLeaseIsFound() {
        let (events, stats) = Self.scan(Array(Self.seedSyslog.utf8))
        let ack = events.first { $0.kind == "dhcp.ack" }
        #expect(ack?.field("ip") == "192.168.127.128")
        #expect(ack?.field("mac") == "00:0c:29:73:a4:09")
        #expect(ack?.field("interface") == "vmnet1")
        #expect(ack?.origin.line == 36)
        #expect(ack?.origin.text == "vmnet-dhcpd: DHCPACK on 192.168.127.128 to 00:0c:29:73:a4:09 via vmnet1")
        #expect(stats.lines == 36)
    }

    @Test(arguments: [1, 7, 64, 4096])
    func chunkBoundariesChangeNothing(chunkSize: Int) {
        let bytes = Array(Self.seedSyslog.utf8)
        #expect(Self.summary(Self.scan(bytes, chunkSize: chunkSize).0) == Self.summary(Self.scan(bytes).0))
    }

    @Test func piecesScannedAtOnceGiveTheSameEventsAsOnePass() {
        // Over 1 MB, so each chunk is cut into pieces scanned on all cores.
        var text = ""
        var index = 0
        while text.utf8.count < 3 << 20 {
            text += "Nov 25 10:00:\(10 + index % 50) h sshd[\(index)]: session closed for user student\n"
            if index % 97 == 0 { text += "Nov 25 10:01:00 h kernel: device vif\(index).0 entered promiscuous mode\n" }
            index += 1
        }
        let bytes = Array(text.utf8)
        var oneCore = LogScanOptions()
        oneCore.parallelism = 1
        var fourCores = LogScanOptions()
        fourCores.parallelism = 4
        let (sequential, sequentialStats) = Self.scan(bytes, options: oneCore)
        let (parallel, parallelStats) = Self.scan(bytes, options: fourCores)
        #expect(sequential.count > 100)
        #expect(Self.summary(parallel) == Self.summary(sequential))
        #expect(parallelStats == sequentialStats)
    }

    @Test func invalidUTF8NulBytesAndCRLFAreSurvived() {
        var bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x0A]
        bytes += Array("vmnet-dhcpd: DHCPACK on 1.2.3.4 to 00:0c:29:73:a4:09 via vmnet8 \u{FFFD}".utf8) + [0xC3, 0x28, 0x0D, 0x0A]
        bytes += [0x00, 0x00] + Array("kernel: device eth0 entered promiscuous mode\r\n".utf8)
        let (events, _) = Self.scan(bytes)
        #expect(events.map(\.kind) == ["dhcp.ack", "iface.promisc"])
        #expect(events.first?.field("interface") == "vmnet8")
        #expect(events.map(\.origin.line) == [2, 3])
    }

    @Test func aLineLongerThanTheLimitIsSkippedAndCounted() {
        var options = LogScanOptions()
        options.maxLineLength = 1000
        let long = "kernel: device eth9 entered promiscuous mode " + String(repeating: "x", count: 5000)
        let text = long + "\nkernel: device eth0 entered promiscuous mode\n"
        for chunk in [64, 1 << 20] {
            let (events, stats) = Self.scan(Array(text.utf8), chunkSize: chunk, options: options)
            #expect(events.map { $0.field("interface") } == ["eth0"])
            #expect(events.first?.origin.line == 2)
            #expect(stats.skippedLongLines == 1)
        }
    }

    @Test func aFileCutMidLineStillGivesItsLastEvent() {
        let (events, stats) = Self.scan(Array("kernel: x\nkernel: device eth0 entered promiscuous mode".utf8))
        #expect(events.count == 1)
        #expect(stats.lines == 2)
    }

    @Test func sinceAndUntilFilterByTime() {
        let text = """
        Nov 25 10:00:00 h kernel: device a entered promiscuous mode
        Nov 25 11:00:00 h kernel: device b entered promiscuous mode
        Nov 25 12:00:00 h kernel: device c entered promiscuous mode
        kernel: device d entered promiscuous mode
        """
        let since = EnvelopeReader(year: 2026, timeZone: TimeZone(identifier: "UTC")!)
            .date(year: 2026, monthNumber: 11, day: 25, time: "10:30:00", fraction: nil, zone: "Z")
        let until = since.map { $0 + 3600 }
        let (events, stats) = Self.scan(Array(text.utf8), options: LogScanOptions(since: since, until: until))
        // Lines without a time cannot be placed, so they are kept.
        #expect(events.map { $0.field("interface") } == ["b", "d"])
        #expect(stats.outsideTimeWindow == 2)
    }

    @Test func gzipLogsAreReadAsTheyStream() throws {
        var (source, _) = try LogSources.open(TestPaths.fixtures.appendingPathComponent("input/syslog.2.gz").path)
        var stats = LogScanStats()
        var kinds: [String] = []
        try Self.scanner.scan(&source, name: "syslog.2.gz", envelopes: EnvelopeReader(year: 2026), stats: &stats) { kinds.append($0.kind) }
        #expect(kinds.filter { $0.hasPrefix("dhcp.") }.count == 12)
        #expect(kinds.last == "dhcp.ack")
    }

    @Test func journalctlJSONLinesAreRead() {
        let line = #"{"_HOSTNAME":"host1","SYSLOG_IDENTIFIER":"dnsmasq-dhcp","__REALTIME_TIMESTAMP":"1795642963666140","MESSAGE":"DHCPACK(virbr0) 192.168.122.50 52:54:00:12:34:56 guest1","_PID":"2201"}"#
        let (events, _) = Self.scan(Array((line + "\n").utf8))
        #expect(events.first?.kind == "dhcp.ack")
        #expect(events.first?.field("hostname") == "guest1")
        #expect(events.first?.host == "host1")
    }
}
