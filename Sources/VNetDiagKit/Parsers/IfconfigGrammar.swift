import PCRE2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line shapes of `ifconfig` output (formats.md §1–§2). Labels are matched case-insensitively in
/// every known language; values are taken by position where translations dropped a label.
enum IfconfigGrammar {
    static let newStartPattern =
        #"^\S+?: flags=\d+<[^>]*>?\h+(?:metric \d+\h+)?mtu \d+"#
    static let oldStartPattern =
        #"^\S+\h+(?:Link encap|Protokoll|Lien encap|\h*Encapsulamento do Link)\h*:"#

    static let newStart = Patterns.compile(
        #"^(?<name>\S+?): flags=(?<value>\d+)<(?<words>[^>\s]*)>?\h+(?:metric (?<metric>\d+)\h+)?mtu (?<mtu>\d+)"#)
    static let oldStart = Patterns.compile(
        #"^(?<name>\S+)\h+(?:Link encap|Protokoll|Lien encap|\h*Encapsulamento do Link)\h*:\h*(?<rest>.*)$"#, [.caseless])
    static let hardwareLabel = Patterns.compile(
        #"^(?<title>.*?)\h*(?:HWaddr|direcci(?:ó|o)nHW|Hardware Adresse|Endere(?:ç|c)o de HW)\h*(?<hw>\S+)"#, [.caseless])

    /// A classified detail line. Old-layout values are byte ranges of the line (`line.bytes`
    /// indices), so the pattern rules and the byte reader (`IfconfigOldLayout`) hand over the same
    /// thing and one `apply` reads both.
    enum LineKind: Sendable {
        case oldIPv4(address: Range<Int>, rest: Range<Int>)
        case oldIPv6(address: Range<Int>, length: Int?, scope: Range<Int>?)
        case oldFlags(flags: Range<Int>, mtu: Int?, metric: Int?)
        case oldRX(packets: Int?, rest: Range<Int>)
        case oldTX(packets: Int?, rest: Range<Int>)
        case oldCollisions(collisions: Int?, queue: Int?)
        case oldBytes(received: Int?, sent: Int?)
        case resources
        case newLayout(IfconfigNewLayout.Line)
        case bsdAttribute(key: Range<Int>, value: Range<Int>)
    }

    struct Rule: Sendable {
        let firstLetters: ByteSet
        let regex: Regex
        let make: @Sendable (Match, SourceLine) -> LineKind
    }

    private static func letters(_ text: String) -> ByteSet { ByteSet(text.utf8) }

    static let rules: [Rule] = [
        // Old layout, any language.
        Rule(firstLetters: letters("idID"), regex: Patterns.compile(
            #"^\h*(?:inet(?!6)|Direc\. inet)[^:\d]*:\h*(?<addr>[0-9A-Za-z*?#]+(?:\.[0-9A-Za-z*?#]+){3})(?<rest>.*)$"#, [.caseless]),
             make: { .oldIPv4(address: $1.span($0, "addr"), rest: $1.span($0, "rest")) }),
        Rule(firstLetters: letters("idaeID"), regex: Patterns.compile(
            #"^\h*(?:inet6[ -]addr|inet6[ -]Adresse|adr inet6|direcci(?:ó|o)n inet6|endere(?:ç|c)o inet6)\h*:\h*(?<addr>[0-9a-fA-F:.%\w*]+)/(?<len>\d+)\h*(?:(?:Scope|Alcance|G(?:ü|u)ltigkeitsbereich|Escopo)\h*:\h*(?<scope>\S+))?"#, [.caseless]),
             make: { .oldIPv6(address: $1.span($0, "addr"), length: $1.captureInt($0, "len"), scope: $1.captureSpan($0, "scope")) }),
        Rule(firstLetters: letters("rpePV"), regex: Patterns.compile(
            #"^\h*(?:RX packets|Paquetes RX|RX-Pakete|Packets re(?:ç|c)us|Empfangene Pakete|Pacotes RX)\h*:\h*(?<packets>\d+)(?<rest>.*)$"#, [.caseless]),
             make: { .oldRX(packets: $1.captureInt($0, "packets"), rest: $1.span($0, "rest")) }),
        Rule(firstLetters: letters("tpvTPV"), regex: Patterns.compile(
            #"^\h*(?:TX packets|Paquetes TX|TX-Pakete|Packets transmis|Paquets transmis|Verschickte Pakete|Pacotes TX)\h*:\h*(?<packets>\d+)(?<rest>.*)$"#, [.caseless]),
             make: { .oldTX(packets: $1.captureInt($0, "packets"), rest: $1.span($0, "rest")) }),
        Rule(firstLetters: letters("ckCK"), regex: Patterns.compile(
            #"^\h*(?:collisions|colisiones|Kollisionen|colis(?:õ|o)es)\h*:\h*(?<collisions>\d+)(?:.*?(?:txqueuelen|long\.colaTX|Sendewarteschlangenl(?:ä|a)nge|lg file transmission)\h*:\h*(?<queue>\d+))?"#, [.caseless]),
             make: { .oldCollisions(collisions: $1.captureInt($0, "collisions"), queue: $1.captureInt($0, "queue")) }),
        Rule(firstLetters: letters("rboRBO"), regex: Patterns.compile(
            #"^\h*(?:RX bytes|Bytes RX|RX-Bytes|Octets re(?:ç|c)us)\h*:\h*(?<rx>\d+).*?(?:TX bytes|TX-Bytes|Octets transmis|Bytes TX)\h*:\h*(?<tx>\d+)"#, [.caseless]),
             make: { .oldBytes(received: $1.captureInt($0, "rx"), sent: $1.captureInt($0, "tx")) }),
        Rule(firstLetters: letters("ibdaemsIBDAEMS"), regex: Patterns.compile(
            #"^\h*(?:Interrupt|Interrupci(?:ó|o)n|Interruption|IRQ|Base address|Direcci(?:ó|o)n base|Basisadresse|Adresse de base|Endere(?:ç|c)o de E/S|Memory|Memoria|Speicher|M(?:é|e)moire|Mem(?:ó|o)ria|DMA chan|DMA Kanal|Canal DMA|device interrupt|device memory|device base)\b"#, [.caseless]),
             make: { _, _ in .resources }),
        Rule(firstLetters: letters("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), regex: Patterns.compile(
            #"^\h+(?<key>options|nd6 options|media|status|groups|member|Configuration|hwaddr|ifmaxaddr|id|root id|ipfilter|maxage|plugged|vendor|module temperature|lane \d+|RX(?=:)|TX(?=:)|eflags|capabilities|inet6 [^\s]+ --> \S+|Opened by PID|tunnel inet|nat64 prefix|agent domain|type|netif|multi-link|trunkport|lagg|laggproto|laggport|vlan|parent|pcp|txpower|ssid|channel|country|regdomain|authmode|privacy)\b[=: ]\h*(?<value>.*)$"#),
             make: { .bsdAttribute(key: $1.span($0, "key"), value: $1.span($0, "value")) }),
    ]

    static let oldFlagsLine = Patterns.compile(
        #"^\h*(?<flags>.*?)\h*MTU\h*:\h*(?<mtu>\d+)(?:\h+(?:Metric|M(?:é|e)trica|Metrik)\h*:\h*(?<metric>\d+))?"#, [.caseless])

    /// What kind of detail line this is. `layout` is the current block's (`old`, `new`, `bsd`),
    /// nil when no block is open. Old blocks try the net-tools 1.60 byte reader, the others the
    /// 2.10 token reader (which never fits old lines); both hand what they do not know to the patterns.
    static func classify(_ line: SourceLine, layout: IfconfigLayout?) -> LineKind? {
        if layout == .old {
            if let kind = IfconfigOldLayout.classify(line) { return kind }
        } else if let newLine = IfconfigNewLayout.parse(line) {
            return .newLayout(newLine)
        }
        return classifyByPattern(line)
    }

    /// The pattern rules alone: every language and shape.
    static func classifyByPattern(_ line: SourceLine) -> LineKind? {
        let indent = line.leadingBlanks
        guard indent < line.bytes.count else { return nil }
        let first = line.bytes[line.bytes.startIndex + indent]
        let lower = first | 0x20
        for rule in rules where rule.firstLetters.contains(lower) || rule.firstLetters.contains(first) {
            // A set lookup per rule per line: ByteSet is a bitmap, a Set<UInt8> hashed every time.
            if let match = rule.regex.match(line) { return rule.make(match, line) }
        }
        if containsMTU(line), let match = oldFlagsLine.match(line) {
            return .oldFlags(flags: line.span(match, "flags"), mtu: line.captureInt(match, "mtu"),
                             metric: line.captureInt(match, "metric"))
        }
        return nil
    }

    private static func containsMTU(_ line: SourceLine) -> Bool {
        line.contains("MTU") || line.contains("mtu") || line.contains("Mtu")
    }

    /// `...`, `…`, `[...]`, `(snip)`: a user's mark for omitted lines, not data.
    static func isOmissionMarker(_ line: SourceLine) -> Bool {
        guard line.bytes.count < 24 else { return false }
        let text = line.text.trimmingBlanks
        return ["...", "…", "[...]", "[…]", "(snip)", "[snip]", "(...)"].contains(text)
    }

    struct BlockStart {
        var record: InterfaceRecord
        var layout: IfconfigLayout
    }

    static func startsBlock(_ line: SourceLine) -> Bool {
        guard let first = line.bytes.first, first != 0x20, first != 0x09 else { return false }
        return NewLayoutStart.accepts(line) || OldLayoutStart.accepts(line)
            || newStart.match(line) != nil || oldStart.match(line) != nil
    }

    /// The value computed for the last bytes seen, recomputed only when the bytes change: consecutive
    /// interfaces mostly print the same flags, so a paste's thousands of blocks share one result.
    struct LastBytesMemo<Value> {
        private var kept: [UInt8]? = nil
        private var value: Value? = nil

        mutating func value(for bytes: ArraySlice<UInt8>, _ compute: (ArraySlice<UInt8>) -> Value) -> Value {
            if let value, let kept, sameBytes(bytes, kept) { return value }
            let computed = compute(bytes)
            kept = Array(bytes)
            value = computed
            return computed
        }

        private func sameBytes(_ bytes: ArraySlice<UInt8>, _ kept: [UInt8]) -> Bool {
            bytes.count == kept.count && bytes.withUnsafeBufferPointer { new in
                kept.withUnsafeBufferPointer { old in new.isEmpty || memcmp(new.baseAddress!, old.baseAddress!, new.count) == 0 }
            }
        }
    }

    /// What consecutive lines of a paste repeat, kept by one parser run: the flag words of first
    /// lines (sharing the array spares four Strings and an array per block) and the translation of
    /// old-layout flags lines (it was a lock and a hash per block).
    struct LineMemo {
        var flagWords = LastBytesMemo<(words: [String], isBSD: Bool)>()
        var oldFlags = LastBytesMemo<(written: [String], english: [String])>()
    }

    /// The byte readers go first: a line either reader takes, the other's pattern refuses
    /// (`NAME: flags=` against `NAME  Link encap:`).
    static func blockStart(_ line: SourceLine, section: Section, flagWords: inout LastBytesMemo<(words: [String], isBSD: Bool)>) -> BlockStart? {
        guard let first = line.bytes.first, first != 0x20, first != 0x09 else { return nil }
        let origin = section.provenance(line.number, line.number)
        if let start = NewLayoutStart(line) { return newBlock(start, line: line, origin: origin, flagWords: &flagWords) }
        if let start = OldLayoutStart(line) { return oldBlock(start, origin: origin) }
        if let start = NewLayoutStart(matching: line) { return newBlock(start, line: line, origin: origin, flagWords: &flagWords) }
        if let start = OldLayoutStart(matching: line) { return oldBlock(start, origin: origin) }
        return nil
    }

    private static func newBlock(_ start: NewLayoutStart, line: SourceLine, origin: Provenance,
                                 flagWords: inout LastBytesMemo<(words: [String], isBSD: Bool)>) -> BlockStart {
        // Filled in place: building a record and then wrapping it copied every field.
        var block = BlockStart(record: InterfaceRecord(name: start.name, origin: origin), layout: .new)
        block.record.flagsValue = start.value
        let flags = flagWords.value(for: start.words) { bytes in
            let words = VNetDiagKit.words(in: bytes, separatedBy: UInt8(ascii: ","))
            return (words, isBSDFlags(words))
        }
        block.record.flags = flags.words
        block.record.flagsAsWritten = flags.words
        block.record.mtu = start.mtu
        block.record.metric = start.metric
        if start.metric != nil || flags.isBSD || line.contains("> metric") { block.layout = .bsd }
        block.record.layout = block.layout.rawValue
        return block
    }

    private static func oldBlock(_ start: OldLayoutStart, origin: Provenance) -> BlockStart {
        var block = BlockStart(record: InterfaceRecord(name: start.name, origin: origin), layout: .old)
        block.record.nameMayBeTruncated = start.name.utf8.count == 9
        block.record.linkType = IfconfigVocabulary.englishTitle(start.title)
        if let hardware = start.hardware {
            block.record.mac = MACAddress(hardware)
            block.record.hardwareAddressText = hardware
        }
        block.record.layout = IfconfigLayout.old.rawValue
        return block
    }

    /// The parts of a net-tools 2.10 (or BSD) first line: `vnet0: flags=4163<UP,RUNNING>  mtu 1500`.
    struct NewLayoutStart {
        let name: String
        let value: Int?
        let words: ArraySlice<UInt8>
        let mtu: Int?
        let metric: Int?

        /// By `newStart`, the pattern that defines the line.
        init?(matching line: SourceLine) {
            guard let match = newStart.match(line), let name = line.capture(match, "name") else { return nil }
            self.name = name
            value = line.captureInt(match, "value")
            words = line.captureBytes(match, "words") ?? []
            mtu = line.captureInt(match, "mtu")
            metric = line.captureInt(match, "metric")
        }

        /// Straight from the bytes, for the plain shape only (no `metric`, blanks that are spaces or
        /// TABs); anything else is nil and goes to the pattern. The pattern ran on every block and
        /// looked its groups up by name: a tenth of the parse.
        init?(_ line: SourceLine) {
            guard let shape = Self.plainShape(line) else { return nil }
            let bytes = line.bytes
            name = String(decoding: bytes[shape.name], as: UTF8.self)
            value = decimalValue(bytes[shape.value])
            words = bytes[shape.words]
            mtu = decimalValue(bytes[shape.mtu])
            metric = nil
        }

        /// Whether the byte reader takes the line, without making its values.
        static func accepts(_ line: SourceLine) -> Bool { plainShape(line) != nil }

        /// Where the parts of the plain shape lie (indices of `line.bytes`), or nil.
        private static func plainShape(_ line: SourceLine)
            -> (name: Range<Int>, value: Range<Int>, words: Range<Int>, mtu: Range<Int>)? {
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || (byte >= 0x0A && byte <= 0x0D) }
            return line.bytes.withUnsafeBufferPointer { buffer in
                var reader = ByteReader(buffer, offset: line.bytes.startIndex)
                // The name: the shortest run of non-blanks before ": flags=".
                let nameStart = reader.index
                while let byte = reader.peek, byte != UInt8(ascii: ":") {
                    if isSpace(byte) { return nil }
                    reader.index += 1
                }
                let name = reader.span(from: nameStart)
                guard !name.isEmpty, reader.take(": flags="), let value = reader.digits(), reader.take("<") else { return nil }
                let wordsStart = reader.index
                while let byte = reader.peek, byte != UInt8(ascii: ">"), !isSpace(byte) { reader.index += 1 }
                let words = reader.span(from: wordsStart)
                _ = reader.take(">")
                guard reader.skipBlanks() > 0, reader.take("mtu "), let mtu = reader.digits() else { return nil }
                return (name, value, words, mtu)
            }
        }
    }

    static func isBSDFlags(_ flags: [String]) -> Bool {
        flags.contains("SIMPLEX") || flags.contains("SMART")
    }

    /// `Ethernet  HWaddr 00:40:D0:DD:B2:84` → (`Ethernet`, `00:40:D0:DD:B2:84`); the seed's collapsed
    /// spacing and labels in every language are handled by cutting at the hardware-address label.
    static func splitTitleAndHardware(_ rest: String) -> (String, String?) {
        var bytes = Array(rest.utf8)
        let hit: (String, String)? = bytes.withUnsafeBytes { buffer in
            guard let match = (try? hardwareLabel.firstMatch(in: buffer)) ?? nil else { return nil }
            return (match.string("title", in: buffer) ?? "", match.string("hw", in: buffer) ?? "")
        }
        if let hit { return (hit.0, hit.1) }
        // No label: the title runs to two spaces or the end; a trailing MAC-shaped token is the address.
        bytes = Array(rest.trimmingBlanks.utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        if let range = text.range(of: "  ") { return (String(text[..<range.lowerBound]), nil) }
        if let last = text.split(separator: " ").last, text.containsBytes(" "), MACAddress(String(last)) != nil {
            return (String(text.dropLast(last.count)).trimmingBlanks, String(last))
        }
        return (text, nil)
    }

    static func localeHint(_ text: String) -> String? {
        IfconfigVocabulary.locale(of: text)
    }
}

extension String {
    /// Without leading and trailing spaces and TABs (on UTF-8 bytes, not Characters).
    var trimmingBlanks: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}
