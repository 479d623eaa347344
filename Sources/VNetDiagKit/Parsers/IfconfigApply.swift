import PCRE2

extension IfconfigGrammar {
    /// Folds one classified line into the interface being built.
    static func apply(_ kind: LineKind, line: SourceLine, to record: inout InterfaceRecord, memo: inout LineMemo) {
        func text(_ span: Range<Int>) -> String { String(decoding: line.bytes[span], as: UTF8.self) }

        switch kind {
        case .oldIPv4(let address, let rest):
            record.ipv4.append(oldIPv4(address: line.bytes[address], rest: line.bytes[rest]))
        case .oldIPv6(let address, let length, let scope):
            record.ipv6.append(IPv6Assignment(address: text(address), prefixLength: length,
                                              scope: scope.map { IfconfigVocabulary.englishScope(bytes: line.bytes[$0]) }))
        case .oldFlags(let flagsText, let mtu, let metric):
            let flags = memo.oldFlags.value(for: line.bytes[flagsText]) { IfconfigVocabulary.flags(String(decoding: $0, as: UTF8.self)) }
            record.flagsAsWritten = flags.written
            record.flags = flags.english
            record.mtu = mtu
            record.metric = metric
        case .oldRX(let packets, let rest), .oldTX(let packets, let rest):
            let received = if case .oldRX = kind { true } else { false }
            let numbers = firstLabelledNumbers(line.bytes[rest])
            record.counters.setOldLayoutPackets(received: received, packets: packets, errors: numbers.0,
                                                dropped: numbers.1, overruns: numbers.2, last: numbers.3)
        case .oldCollisions(let collisions, let queue):
            record.counters.collisions = collisions
            record.counters.txQueueLength = queue
        case .oldBytes(let received, let sent):
            record.counters.rxBytes = received
            record.counters.txBytes = sent
        case .resources:
            applyResources(line, to: &record)
        case .newLayout(let parsed):
            applyNewLayout(parsed, to: &record)
        case .bsdAttribute(let key, let value):
            record.layout = "bsd"
            applyAttribute(key: text(key), value: text(value), to: &record)
        }
    }

    /// The old IPv4 line in any language: first quad is the address; a quad after a P-t-P label is
    /// the peer, after a broadcast label the broadcast; the last quad is the mask (formats.md §2.3).
    static func oldIPv4(address: ArraySlice<UInt8>, rest: ArraySlice<UInt8>) -> IPv4Assignment {
        var assignment = IPv4Assignment(address: HostToken(bytes: address))
        rest.withUnsafeBufferPointer { buffer in
            forEachLabelledValue(buffer) { isLast, label, value in
                guard let value = IPv4Address(bytes: buffer[value]) else { return }
                let label = buffer[label]
                if containsIgnoringCase(label, "p-t-p") || containsIgnoringCase(label, "p-z-p") || containsIgnoringCase(label, "p-a-p") {
                    assignment.peer = value
                } else if containsIgnoringCase(label, "bcast") || containsIgnoringCase(label, "difus") {
                    assignment.broadcast = value
                } else if isLast {
                    assignment.netmask = value
                }
            }
        }
        return assignment
    }

    /// Whether `needle` (ASCII) occurs in `bytes`, ignoring ASCII case: what lower-casing the label
    /// and searching did, without the String (no other character lower-cases into these letters).
    static func containsIgnoringCase(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let pattern = needle.utf8Start
        var start = bytes.startIndex
        while start + count <= bytes.endIndex {
            var offset = 0
            while offset < count, asciiLower(bytes[start + offset]) == pattern[offset] { offset += 1 }
            if offset == count { return true }
            start += 1
        }
        return false
    }

    /// A BSD attribute line; FreeBSD puts `hwaddr X` and `media: Y` on one line.
    static func applyAttribute(key: String, value: String, to record: inout InterfaceRecord) {
        var value = value.trimmingBlanks
        if key == "hwaddr", let media = value.range(of: "media:") {
            applyAttribute(key: "media", value: String(value[media.upperBound...]), to: &record)
            value = String(value[..<media.lowerBound]).trimmingBlanks
        }
        record.attributes.append((key, value))
        switch key {
        case "status": record.mediaStatus = value
        case "member": if let name = value.split(separator: " ").first { record.members.append(String(name)) }
        default: break
        }
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

    struct LabelledValue {
        let label: ArraySlice<UInt8>
        let value: ArraySlice<UInt8>
        var labelText: String { String(decoding: label, as: UTF8.self) }
        var valueText: String { String(decoding: value, as: UTF8.self) }
    }

    /// `label:value label:value` pairs, where a label may contain spaces (`Dirección base: 0xc000`):
    /// each value is the first word after a colon, each label the words between a value and the
    /// next colon. Works on bytes: the old layout's lines go through here once or twice per block.
    static func labelledValues(_ bytes: ArraySlice<UInt8>) -> [LabelledValue] {
        var pairs: [LabelledValue] = []
        bytes.withUnsafeBufferPointer { buffer in
            forEachLabelledValue(buffer) { _, label, value in
                let base = bytes.startIndex
                pairs.append(LabelledValue(label: bytes[(base + label.lowerBound)..<(base + label.upperBound)],
                                           value: bytes[(base + value.lowerBound)..<(base + value.upperBound)]))
            }
        }
        return pairs
    }

    /// The pairs of `labelledValues` in order, as ranges of `bytes`, without building the array;
    /// `isLast` marks the pair that ends the line.
    static func forEachLabelledValue(_ bytes: UnsafeBufferPointer<UInt8>,
                                     _ body: (_ isLast: Bool, _ label: Range<Int>, _ value: Range<Int>) -> Void) {
        func trimmed(_ range: Range<Int>) -> Range<Int> {
            var start = range.lowerBound
            var end = range.upperBound
            while start < end, isSpaceOrTab(bytes[start]) { start += 1 }
            while end > start, isSpaceOrTab(bytes[end - 1]) { end -= 1 }
            return start..<end
        }
        var segmentStart = 0
        var label: Range<Int>? = nil
        var index = 0
        while index <= bytes.count {
            guard index == bytes.count || bytes[index] == UInt8(ascii: ":") else {
                index += 1
                continue
            }
            if let currentLabel = label {
                var valueStart = segmentStart
                while valueStart < index, isSpaceOrTab(bytes[valueStart]) { valueStart += 1 }
                var valueEnd = valueStart
                while valueEnd < index, !isSpaceOrTab(bytes[valueEnd]) { valueEnd += 1 }
                body(index == bytes.count, currentLabel, valueStart..<valueEnd)
                label = trimmed(valueEnd..<index)
            } else {
                label = trimmed(segmentStart..<index)
            }
            segmentStart = index + 1
            index += 1
        }
    }

    /// The first four numbers after colons, nil where there is none or it is not a number; a label
    /// lost in translation (`:0`) still counts. What `labelledValues` reads, straight from the
    /// bytes: RX/TX lines are a third of a 1.60-layout file.
    static func firstLabelledNumbers(_ bytes: ArraySlice<UInt8>) -> (Int?, Int?, Int?, Int?) {
        bytes.withUnsafeBufferPointer { buffer in
            var numbers: (Int?, Int?, Int?, Int?) = (nil, nil, nil, nil)
            var found = 0
            var index = 0
            let count = buffer.count
            while index < count, found < 4 {
                guard buffer[index] == UInt8(ascii: ":") else {
                    index += 1
                    continue
                }
                index += 1
                while index < count, isSpaceOrTab(buffer[index]) { index += 1 }
                let start = index
                while index < count, !isSpaceOrTab(buffer[index]), buffer[index] != UInt8(ascii: ":") { index += 1 }
                let number = decimalValue(UnsafeBufferPointer(rebasing: buffer[start..<index]))
                switch found {
                case 0: numbers.0 = number
                case 1: numbers.1 = number
                case 2: numbers.2 = number
                default: numbers.3 = number
                }
                found += 1
            }
            return numbers
        }
    }

    static func applyResources(_ line: SourceLine, to record: inout InterfaceRecord) {
        if line.contains("device ") {
            let words = line.fields.map(\.string)
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
        for pair in labelledValues(line.bytes) {
            let label = pair.labelText.lowercased()
            if label.hasSuffix("interrupt") || label.hasSuffix("interrupción") || label.hasSuffix("interruption")
                || label == "irq" {
                record.interrupt = decimalValue(pair.value)
            } else if label.containsBytes("base") || label.containsBytes("basis") || label.containsBytes("e/s") {
                record.baseAddress = pair.valueText
            } else if label.hasPrefix("mem") || label.hasPrefix("speicher") || label.hasPrefix("mém") {
                record.memory = pair.valueText
            }
        }
    }
}

extension InterfaceCounters {
    /// An old-layout RX or TX line: the fifth count is `frame` received, `carrier` sent.
    mutating func setOldLayoutPackets(received: Bool, packets: Int?, errors: Int?, dropped: Int?, overruns: Int?, last: Int?) {
        if received {
            (rxPackets, rxErrors, rxDropped, rxOverruns, rxFrame) = (packets, errors, dropped, overruns, last)
        } else {
            (txPackets, txErrors, txDropped, txOverruns, txCarrier) = (packets, errors, dropped, overruns, last)
        }
    }
}

@inline(__always)
private func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

@inline(__always)
private func asciiLower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

/// A non-negative decimal number written as ASCII digits, or nil.
func decimalValue<Digits: Collection>(_ digits: Digits) -> Int? where Digits.Element == UInt8 {
    guard !digits.isEmpty, digits.count <= 18 else { return nil }
    var value = 0
    for byte in digits {
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
    }
    return value
}
