#if canImport(Glibc)
import Glibc
#endif

import PCRE2

/// Log lines pasted among command output (`/var/log/syslog`, `journalctl`, `dmesg`, the seed's bare
/// `vmnet-dhcpd: ...` lines): each line the built-in extractor rules recognise becomes an `event`
/// record, the same events `vnetdiag events` prints. Other log lines are read and carry nothing.
public enum SyslogParser: SectionParser {
    public static let format: FormatName = "syslog"

    public static let signature = FormatSignature(
        markers: [
            #"^[A-Za-z\x80-\xff]{3,6}\.? {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)? \S+ (?:[a-z]+[0-7]?\.[a-z]+ )?[^:\[\s]+(?:\[\d+\])?: "#,
            #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S* \S+ (?:[a-z]+[0-7]?\.[a-z]+ )?[^:\[\s]+(?:\[\d+\])?: "#,
            #"^(?:kernel|vmnet-dhcpd|dhcpd|dnsmasq-dhcp|dnsmasq|dhclient|vmnet-natd|vmnet-bridge|vmnet-netifup|NetworkManager|libvirtd|xenstored)(?:\[\d+\])?: "#,
            #"^\[\h*\d+\.\d{6}\] "#,
            // `dhclient -v` on the console: its own messages, no envelope.
            #"^(?:Internet Systems Consortium DHCP Client|DHCPDISCOVER on \S+ to \S+ port \d+|No DHCPOFFERS received)"#,
        ],
        commandWords: ["journalctl", "dmesg", "/var/log/", "dhclient", "logread"],
        fileNameHints: ["syslog", "messages", "kern.log", "daemon.log", "journal", "dmesg"])

    /// The built-in extractors, loaded once (teachers' `--rules` apply to `vnetdiag events`).
    static let scanner = LogScanner(rules: (try? RuleCatalog.load().extractors) ?? [])

    public static func parse(_ section: Section) -> ParsedSection {
        // Built once: a log section can hold hundreds of thousands of lines.
        let lines = section.lines
        let console = isDHCPClientConsole(command: section.command, lines: lines)
        var result = ParsedSection(variant: console ? "dhclient" : "log")
        guard let numbers = section.lineNumbers else { return result }
        var bytes: [UInt8] = []
        // A pasted log has no file date to take the year from: the current year stands in.
        let envelopes = EnvelopeReader(year: currentYear())
        for line in lines {
            bytes.append(contentsOf: line.bytes)
            bytes.append(0x0A)
            if line.isBlank || PromptSplitter.isDecoration(line) { continue }
            let envelope = line.bytes.withUnsafeBytes { envelopes.read($0) }
            if envelope.time == nil && envelope.program == nil && !console {
                result.unparsed.append(line.unparsed("not a log line: no time stamp and no program tag"))
            }
        }
        // Over-long lines are left out of `lines`: map event line numbers through the kept ones.
        let kept = lines.map(\.number)
        var source: any ChunkSource = BufferSource(bytes: bytes)
        var stats = LogScanStats()
        try? scanner.scan(&source, name: section.source, envelopes: envelopes, stats: &stats) { event in
            let number = event.origin.line - 1 < kept.count ? kept[event.origin.line - 1] : numbers.upperBound
            let origin = LogLine(source: section.source, line: number, text: event.origin.text)
            result.records.append(.event(LogEvent(kind: event.kind, rule: event.rule, time: event.time, host: event.host,
                                                  program: event.program, pid: event.pid, fields: event.fields,
                                                  origin: origin)))
        }
        return result
    }

    /// `dhclient -v` output: every line is the client's, without a log envelope.
    static func isDHCPClientConsole(command: String?, lines: [SourceLine]) -> Bool {
        if let command, command.split(separator: " ").first.map({ $0.hasSuffix("dhclient") }) == true { return true }
        return lines.prefix(3).contains { $0.text.hasPrefix("Internet Systems Consortium DHCP Client") }
    }

    static func currentYear() -> Int {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return Int(parts.tm_year) + 1900
    }
}
