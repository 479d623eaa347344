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
        case .newInet(let match):
            record.ipv4.append(newIPv4(match, line: line))
        case .newInet6(let match):
            let address = text(match, "addr") ?? ""
            record.ipv6.append(IPv6Assignment(address: address, prefixLength: int(match, "len") ?? int(match, "cidr"),
                                              scope: text(match, "scope"), scopeID: text(match, "sid")))
        case .newHardware(let match):
            record.linkType = text(match, "title").flatMap(IfconfigVocabulary.englishTitle)
            record.counters.txQueueLength = int(match, "queue")
            if let hardware = text(match, "hw") {
                record.mac = MACAddress(hardware)
                record.hardwareAddressText = hardware
            }
        case .bsdEther(let match):
            let hardware = text(match, "mac") ?? ""
            record.mac = MACAddress(hardware)
            record.hardwareAddressText = hardware
            if record.linkType == nil { record.linkType = "Ethernet" }
        case .newRXPackets(let match):
            record.counters.rxPackets = int(match, "packets")
            record.counters.rxBytes = int(match, "bytes")
        case .newRXErrors(let match):
            record.counters.rxErrors = int(match, "errors")
            record.counters.rxDropped = int(match, "dropped")
            record.counters.rxOverruns = int(match, "overruns")
            record.counters.rxFrame = int(match, "frame")
        case .newTXPackets(let match):
            record.counters.txPackets = int(match, "packets")
            record.counters.txBytes = int(match, "bytes")
        case .newTXErrors(let match):
            record.counters.txErrors = int(match, "errors")
            record.counters.txDropped = int(match, "dropped")
            record.counters.txOverruns = int(match, "overruns")
            record.counters.txCarrier = int(match, "carrier")
            record.counters.collisions = int(match, "collisions")
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

    static func newIPv4(_ match: Match, line: SourceLine) -> IPv4Assignment {
        let address = line.captureIPv4(match, "addr").map(HostToken.ipv4)
            ?? HostToken(line.capture(match, "addr") ?? "")
        var assignment = IPv4Assignment(address: address)
        if let mask = line.captureBytes(match, "mask") {
            // BSD prints the mask in hex without dots (0xffffff00).
            if mask.starts(with: [0x30, 0x78]), let value = UInt32(String(decoding: mask.dropFirst(2), as: UTF8.self), radix: 16) {
                assignment.netmask = IPv4Address(value)
            } else {
                assignment.netmask = IPv4Address(bytes: mask)
            }
        } else if let cidr = line.captureInt(match, "cidr") {
            assignment.netmask = IPv4Address(prefixLength: cidr)
        }
        assignment.broadcast = line.captureIPv4(match, "bcast")
        assignment.peer = line.captureIPv4(match, "dest") ?? line.captureIPv4(match, "peer")
        return assignment
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
