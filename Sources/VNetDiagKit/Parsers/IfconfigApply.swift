import PCRE2

extension IfconfigGrammar {
    /// Folds one classified line into the interface being built.
    static func apply(_ kind: LineKind, line: SourceLine, to record: inout InterfaceRecord) {
        func text(_ match: Match, _ name: String) -> String? { line.capture(match, name) }
        func int(_ match: Match, _ name: String) -> Int? { line.captureInt(match, name) }

        switch kind {
        case .oldIPv4(let match):
            record.ipv4.append(oldIPv4(address: text(match, "addr") ?? "", rest: text(match, "rest") ?? ""))
        case .oldIPv6(let match):
            record.ipv6.append(IPv6Assignment(address: text(match, "addr") ?? "", prefixLength: int(match, "len"),
                                              scope: text(match, "scope").map(IfconfigVocabulary.englishScope)))
        case .oldFlags(let match):
            let flags = IfconfigVocabulary.flags(text(match, "flags") ?? "")
            record.flagsAsWritten = flags.written
            record.flags = flags.english
            record.mtu = int(match, "mtu")
            record.metric = int(match, "metric")
        case .oldRX(let match):
            let values = [text(match, "packets").flatMap { Int($0) }] + labelledNumbers(text(match, "rest") ?? "")
            record.counters.rxPackets = values[0]
            record.counters.rxErrors = values.count > 1 ? values[1] : nil
            record.counters.rxDropped = values.count > 2 ? values[2] : nil
            record.counters.rxOverruns = values.count > 3 ? values[3] : nil
            record.counters.rxFrame = values.count > 4 ? values[4] : nil
        case .oldTX(let match):
            let values = [text(match, "packets").flatMap { Int($0) }] + labelledNumbers(text(match, "rest") ?? "")
            record.counters.txPackets = values[0]
            record.counters.txErrors = values.count > 1 ? values[1] : nil
            record.counters.txDropped = values.count > 2 ? values[2] : nil
            record.counters.txOverruns = values.count > 3 ? values[3] : nil
            record.counters.txCarrier = values.count > 4 ? values[4] : nil
        case .oldCollisions(let match):
            record.counters.collisions = int(match, "collisions")
            record.counters.txQueueLength = int(match, "queue")
        case .oldBytes(let match):
            record.counters.rxBytes = int(match, "rx")
            record.counters.txBytes = int(match, "tx")
        case .resources:
            applyResources(line.text, to: &record)
        case .newLayout(let parsed):
            applyNewLayout(parsed, to: &record)
        case .bsdAttribute:
            break  // options, media, status, nd6: recognised BSD detail, nothing the model uses yet
        }
    }

    /// The old IPv4 line in any language: first quad is the address; a quad after a P-t-P label is
    /// the peer, after a broadcast label the broadcast; the last quad is the mask (formats.md §2.3).
    static func oldIPv4(address: String, rest: String) -> IPv4Assignment {
        var assignment = IPv4Assignment(address: HostToken(address))
        let pairs = labelledValues(rest)
        for (index, pair) in pairs.enumerated() {
            let label = pair.label.lowercased()
            guard let value = IPv4Address(pair.value) else { continue }
            if label.containsBytes("p-t-p") || label.containsBytes("p-z-p") || label.containsBytes("p-a-p") {
                assignment.peer = value
            } else if label.containsBytes("bcast") || label.containsBytes("difus") {
                assignment.broadcast = value
            } else if index == pairs.count - 1 {
                assignment.netmask = value
            }
        }
        return assignment
    }

    static func applyNewLayout(_ line: IfconfigNewLayout.Line, to record: inout InterfaceRecord) {
        switch line {
        case .inet(let assignment): record.ipv4.append(assignment)
        case .inet6(let assignment): record.ipv6.append(assignment)
        case .hardware(let address, let queue, let title):
            if let address {
                record.mac = MACAddress(address)
                record.hardwareAddressText = address
            }
            record.counters.txQueueLength = queue ?? record.counters.txQueueLength
            record.linkType = title.flatMap(IfconfigVocabulary.englishTitle) ?? record.linkType ?? (address != nil ? "Ethernet" : nil)
        case .packets(let received, let packets, let bytes):
            if received {
                record.counters.rxPackets = packets
                record.counters.rxBytes = bytes
            } else {
                record.counters.txPackets = packets
                record.counters.txBytes = bytes
            }
        case .errors(let received, let counts):
            if received {
                record.counters.rxErrors = counts.errors
                record.counters.rxDropped = counts.dropped
                record.counters.rxOverruns = counts.overruns
                record.counters.rxFrame = counts.frame
            } else {
                record.counters.txErrors = counts.errors
                record.counters.txDropped = counts.dropped
                record.counters.txOverruns = counts.overruns
                record.counters.txCarrier = counts.carrier
                record.counters.collisions = counts.collisions
            }
        }
    }

    /// `label:value label:value` pairs, where a label may contain spaces (`Dirección base: 0xc000`).
    static func labelledValues(_ text: String) -> [(label: String, value: String)] {
        let segments = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard segments.count > 1 else { return [] }
        var pairs: [(String, String)] = []
        var label = segments[0].trimmingBlanks
        for segment in segments.dropFirst() {
            let words = segment.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let value = words.first.map(String.init) ?? ""
            pairs.append((label, value))
            label = words.dropFirst().joined(separator: " ")
        }
        return pairs
    }

    /// The numbers after each colon, in order; a label lost in translation (`:0`) still counts.
    static func labelledNumbers(_ text: String) -> [Int?] {
        labelledValues(text).map { Int($0.value) }
    }

    static func applyResources(_ text: String, to record: inout InterfaceRecord) {
        if text.containsBytes("device ") {
            let words = text.split(separator: " ").map(String.init)
            for (index, word) in words.enumerated() where index + 1 < words.count {
                switch word {
                case "interrupt": record.interrupt = Int(words[index + 1])
                case "base": record.baseAddress = words[index + 1]
                case "memory": record.memory = words[index + 1]
                default: break
                }
            }
            return
        }
        for pair in labelledValues(text) {
            let label = pair.label.lowercased()
            if label.hasSuffix("interrupt") || label.hasSuffix("interrupción") || label.hasSuffix("interruption")
                || label == "irq" {
                record.interrupt = Int(pair.value)
            } else if label.containsBytes("base") || label.containsBytes("e/s") {
                record.baseAddress = pair.value
            } else if label.hasPrefix("mem") || label.hasPrefix("speicher") || label.hasPrefix("mém") {
                record.memory = pair.value
            }
        }
    }
}
