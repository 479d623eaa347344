#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// net-tools 1.60's English lines (formats.md §2.1) read from the bytes. The pattern rules of
/// `IfconfigGrammar` define these lines and read every language; this reader takes only the exact
/// shapes net-tools prints in English and hands anything else back (nil) to the patterns, which
/// cost a third of a 1.60-layout parse. For every line it accepts it returns what the patterns
/// return (`FastPathTests` compares both on captured, crafted and mutated lines).
enum IfconfigOldLayout {
    static func classify(_ line: SourceLine) -> IfconfigGrammar.LineKind? {
        line.bytes.withUnsafeBufferPointer { buffer in
            var reader = ByteReader(buffer, offset: line.bytes.startIndex)
            reader.skipBlanks()
            guard let first = reader.peek else { return nil }
            switch first {
            case UInt8(ascii: "i"):
                if reader.take("inet addr:") { return inet(&reader) }
                if reader.take("inet6 addr:") { return inet6(&reader) }
                return nil
            case UInt8(ascii: "R"):
                if reader.take("RX packets:") {
                    return reader.numberThenRest().map { .oldRX(packets: $0.number, rest: $0.rest) }
                }
                if reader.take("RX bytes:") { return bytes(&reader) }
                return nil
            case UInt8(ascii: "T"):
                guard reader.take("TX packets:") else { return nil }
                return reader.numberThenRest().map { .oldTX(packets: $0.number, rest: $0.rest) }
            case UInt8(ascii: "c"):
                guard reader.take("collisions:") else { return nil }
                return collisions(&reader)
            default:
                return flags(&reader)
            }
        }
    }

    /// `inet addr:10.0.0.1  Bcast:10.0.0.255  Mask:255.255.255.0`: the address is four dot-separated
    /// runs of the pattern's characters, the rest goes to `oldIPv4` as the pattern's `rest` does.
    private static func inet(_ reader: inout ByteReader) -> IfconfigGrammar.LineKind? {
        reader.skipBlanks()
        let start = reader.index
        var dots = 0
        var partLength = 0
        while let byte = reader.peek {
            if byte == UInt8(ascii: ".") {
                guard partLength > 0 else { return nil }
                dots += 1
                partLength = 0
            } else if isAddressCharacter(byte) {
                partLength += 1
            } else {
                break
            }
            reader.index += 1
        }
        guard dots == 3, partLength > 0 else { return nil }
        return .oldIPv4(address: reader.span(from: start), rest: reader.restOfLine)
    }

    private static func isAddressCharacter(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    /// `inet6 addr: fe80::20c:29ff:fe00:0/64 Scope:Link`
    private static func inet6(_ reader: inout ByteReader) -> IfconfigGrammar.LineKind? {
        reader.skipBlanks()
        let start = reader.index
        while let byte = reader.peek, isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "*") {
            reader.index += 1
        }
        let address = reader.span(from: start)
        guard !address.isEmpty, reader.take("/"), let length = reader.digits() else { return nil }
        reader.skipBlanks()
        if reader.atEnd { return .oldIPv6(address: address, length: reader.value(length), scope: nil) }
        guard reader.take("Scope:") else { return nil }
        reader.skipBlanks()
        guard let scope = reader.word() else { return nil }
        return .oldIPv6(address: address, length: reader.value(length), scope: scope)
    }

    /// `RX bytes:0 (0.0 KiB)  TX bytes:0 (0.0 KiB)`. Between the two counts only a size in
    /// parentheses may stand: those bytes can start none of the pattern's TX labels, so its lazy
    /// search stops at the same `TX bytes`.
    private static func bytes(_ reader: inout ByteReader) -> IfconfigGrammar.LineKind? {
        reader.skipBlanks()
        guard let received = reader.digits() else { return nil }
        while true {
            guard let byte = reader.peek, sizeCharacters.contains(byte) else { return nil }
            if byte == UInt8(ascii: "T"), reader.take("TX bytes:") { break }
            reader.index += 1
        }
        reader.skipBlanks()
        guard let sent = reader.digits() else { return nil }
        return .oldBytes(received: reader.value(received), sent: reader.value(sent))
    }

    private static let sizeCharacters = ByteSet(" \t.()0123456789bBKMGTPEi".utf8)

    /// `collisions:0 txqueuelen:1000`
    private static func collisions(_ reader: inout ByteReader) -> IfconfigGrammar.LineKind? {
        reader.skipBlanks()
        guard let collisions = reader.digits() else { return nil }
        reader.skipBlanks()
        if reader.atEnd { return .oldCollisions(collisions: reader.value(collisions), queue: nil) }
        guard reader.take("txqueuelen:") else { return nil }
        reader.skipBlanks()
        guard let queue = reader.digits() else { return nil }
        return .oldCollisions(collisions: reader.value(collisions), queue: reader.value(queue))
    }

    /// `UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1`: English flag words only (the
    /// patterns before the flags pattern all begin with labels no flag word begins with).
    private static func flags(_ reader: inout ByteReader) -> IfconfigGrammar.LineKind? {
        let start = reader.index
        var flagsEnd = start
        while true {
            let wordStart = reader.index
            guard let word = reader.word(), IfconfigVocabulary.isEnglishFlag(reader.bytes(word)) else {
                reader.index = wordStart
                break
            }
            flagsEnd = word.upperBound
            reader.skipBlanks()
        }
        guard flagsEnd > start, reader.index > flagsEnd, reader.take("MTU:"), let mtu = reader.digits() else { return nil }
        reader.skipBlanks()
        if reader.atEnd { return .oldFlags(flags: start..<flagsEnd, mtu: reader.value(mtu), metric: nil) }
        guard reader.take("Metric:"), let metric = reader.digits(), reader.atEnd else { return nil }
        return .oldFlags(flags: start..<flagsEnd, mtu: reader.value(mtu), metric: reader.value(metric))
    }
}

extension IfconfigGrammar {
    /// The parts of a net-tools 1.60 first line in English, `eth0      Link encap:Ethernet  HWaddr
    /// 00:0C:29:3D:5E:7F`, read from the bytes for the known English titles; anything else is nil
    /// and goes to `oldStart` and `hardwareLabel`, the patterns that define the line.
    struct OldLayoutStart {
        let name: String
        let title: String
        let hardware: String?

        init?(_ line: SourceLine) {
            guard let start = line.bytes.withUnsafeBufferPointer({ buffer in
                var reader = ByteReader(buffer, offset: line.bytes.startIndex)
                return Self.read(&reader).map { (name: $0.name, title: $0.title, hardware: $0.hardware) }
            }) else { return nil }
            name = String(decoding: line.bytes[start.name], as: UTF8.self)
            title = start.title
            hardware = start.hardware.map { String(decoding: line.bytes[$0], as: UTF8.self) }
        }

        /// Whether the reader takes the line, without making its Strings.
        static func accepts(_ line: SourceLine) -> Bool {
            line.bytes.withUnsafeBufferPointer { buffer in
                var reader = ByteReader(buffer, offset: line.bytes.startIndex)
                return read(&reader) != nil
            }
        }

        /// By `oldStart` and `hardwareLabel`, the patterns that define the line, in any language.
        init?(matching line: SourceLine) {
            guard let match = oldStart.match(line), let name = line.capture(match, "name") else { return nil }
            self.name = name
            (title, hardware) = splitTitleAndHardware(line.capture(match, "rest") ?? "")
        }

        private static func read(_ reader: inout ByteReader) -> (name: Range<Int>, title: String, hardware: Range<Int>?)? {
            guard let name = reader.word(), reader.skipBlanks() > 0, reader.take("Link encap:") else { return nil }
            reader.skipBlanks()
            guard let title = englishTitle(&reader) else { return nil }
            guard reader.skipBlanks() > 0 || reader.atEnd else { return nil }
            if reader.atEnd { return (name, title, nil) }
            guard reader.take("HWaddr") else { return nil }
            reader.skipBlanks()
            guard let hardware = reader.word() else { return nil }
            return (name, title, hardware)
        }

        /// The longest English title at the reader that ends at a blank or the line's end.
        private static func englishTitle(_ reader: inout ByteReader) -> String? {
            let start = reader.index
            if reader.take("Ethernet"), reader.atEnd || reader.peekIsBlank { return "Ethernet" }  // nearly every block
            for entry in IfconfigVocabulary.englishTitlesLongestFirst {
                reader.index = start
                if reader.take(entry.bytes), reader.atEnd || reader.peekIsBlank { return entry.title }
            }
            reader.index = start
            return nil
        }
    }
}

/// A cursor over one line's bytes for the byte readers; spans it hands out are indices of the
/// line's `bytes` (`offset` is their start index).
struct ByteReader {
    let buffer: UnsafeBufferPointer<UInt8>
    let offset: Int
    /// A `bytes` index, like the spans.
    var index: Int

    init(_ buffer: UnsafeBufferPointer<UInt8>, offset: Int) {
        self.buffer = buffer
        self.offset = offset
        index = offset
    }

    @inline(__always)
    var atEnd: Bool { index == offset + buffer.count }
    /// The byte at the cursor; `atEnd` is the bounds check.
    @inline(__always)
    var peek: UInt8? { atEnd ? nil : buffer.baseAddress.unsafelyUnwrapped[index &- offset] }
    @inline(__always)
    var peekIsBlank: Bool { peek == 0x20 || peek == 0x09 }
    @inline(__always)
    var restOfLine: Range<Int> { index..<(offset + buffer.count) }

    @inline(__always)
    func span(from start: Int) -> Range<Int> { start..<index }
    @inline(__always)
    func bytes(_ span: Range<Int>) -> Slice<UnsafeBufferPointer<UInt8>> { buffer[(span.lowerBound - offset)..<(span.upperBound - offset)] }
    @inline(__always)
    func value(_ digits: Range<Int>) -> Int? { decimalValue(bytes(digits)) }

    /// Skips spaces and TABs; how many.
    @discardableResult @inline(__always)
    mutating func skipBlanks() -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let start = index
        index = offset + firstNonBlank(base, from: index - offset, to: buffer.count)
        return index - start
    }

    /// Moves past `literal` when the bytes at the cursor are exactly it.
    @inline(__always)
    mutating func take(_ literal: StaticString) -> Bool {
        take(literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    mutating func take(_ literal: [UInt8]) -> Bool {
        literal.withUnsafeBufferPointer { take($0.baseAddress!, count: $0.count) }
    }

    @inline(__always)
    private mutating func take(_ literal: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard index + count <= offset + buffer.count,
              memcmp(buffer.baseAddress! + (index - offset), literal, count) == 0 else { return false }
        index += count
        return true
    }

    /// A non-empty run of ASCII digits.
    @inline(__always)
    mutating func digits() -> Range<Int>? {
        // The loops below run on a local position: through `index` (the reader is often inout)
        // each byte was a load and a store besides the overflow and bounds checks.
        let start = index
        guard let base = buffer.baseAddress else { return nil }
        var position = index &- offset
        while position < buffer.count, base[position] &- 0x30 <= 9 { position &+= 1 }
        index = offset &+ position
        return index > start ? start..<index : nil
    }

    /// A non-empty run of bytes up to a space, a TAB or the end. A line-break or form-feed byte
    /// inside (which `\S` in the patterns would stop at) refuses the whole line.
    @inline(__always)
    mutating func word() -> Range<Int>? {
        let start = index
        guard let base = buffer.baseAddress else { return nil }
        var position = index &- offset
        while position < buffer.count {
            let byte = base[position]
            if byte == 0x20 || byte == 0x09 { break }
            if byte &- 0x0A <= 3 { return nil }
            position &+= 1
        }
        index = offset &+ position
        return index > start ? start..<index : nil
    }

    /// `digits` then everything after them, for `RX packets:N ...`.
    @inline(__always)
    mutating func numberThenRest() -> (number: Int?, rest: Range<Int>)? {
        skipBlanks()
        guard let number = digits() else { return nil }
        return (value(number), restOfLine)
    }
}

@inline(__always)
func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
}
