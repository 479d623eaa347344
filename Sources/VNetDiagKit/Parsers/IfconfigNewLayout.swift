#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Detail lines of net-tools 2.10 and BSD `ifconfig` (formats.md §1.3, §1.5), read as
/// `keyword value` tokens instead of by pattern: the layout is untranslated and regular, and
/// this path runs on every line of a large paste (a regex per line was most of the parse time).
/// Anything that does not fit falls through to the pattern rules of `IfconfigGrammar`.
enum IfconfigNewLayout {
    struct ErrorCounts: Sendable {
        var errors: Int?, dropped: Int?, overruns: Int?, frame: Int?, carrier: Int?, collisions: Int?
    }

    enum Line: Sendable {
        case inet(IPv4Assignment)
        case inet6(IPv6Assignment)
        /// `ether 02:42:b1:9a:ea:02  txqueuelen 0  (Ethernet)`, `loop  txqueuelen 1000  (Local Loopback)`,
        /// BSD `ether 08:00:27:6b:2e:1a`.
        case hardware(address: String?, queue: Int?, title: String?)
        case packets(received: Bool, packets: Int?, bytes: Int?)
        case errors(received: Bool, counts: ErrorCounts)
    }

    static func parse(_ line: SourceLine) -> Line? {
        line.bytes.withUnsafeBufferPointer { bytes in
            withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: TokenView.capacity) { storage in
                let tokens = TokenView(bytes, storage: storage)
                guard tokens.count >= 2 else { return nil }
                if tokens.is(0, "inet") { return inet(tokens) }
                if tokens.is(0, "inet6") { return inet6(tokens) }
                if tokens.is(0, "RX") { return counters(tokens, received: true) }
                if tokens.is(0, "TX") { return counters(tokens, received: false) }
                return hardware(tokens)
            }
        }
    }

    private static func inet(_ tokens: TokenView) -> Line? {
        let first = tokens[1]
        guard !first.contains(UInt8(ascii: ":")) else { return nil }  // old layout: `inet addr:...`
        var assignment: IPv4Assignment
        if let slash = first.firstIndex(of: UInt8(ascii: "/")) {
            assignment = IPv4Assignment(address: HostToken(String(decoding: first[..<slash], as: UTF8.self)))
            assignment.netmask = TokenView.integer(first[(slash + 1)...]).flatMap { IPv4Address(prefixLength: $0) }
        } else {
            assignment = IPv4Assignment(address: HostToken(bytes: first))
        }
        var index = 2
        while index + 1 < tokens.count {
            let value = tokens[index + 1]
            if tokens.is(index, "netmask") {
                if value.starts(with: [0x30, 0x78]) {  // BSD: 0xffffff00
                    assignment.netmask = UInt32(String(decoding: value.dropFirst(2), as: UTF8.self), radix: 16).map(IPv4Address.init)
                } else {
                    assignment.netmask = IPv4Address(bytes: value)
                }
            } else if tokens.is(index, "broadcast") {
                assignment.broadcast = IPv4Address(bytes: value)
            } else if tokens.is(index, "destination") || tokens.is(index, "-->") {
                assignment.peer = IPv4Address(bytes: value)
            }
            index += 2
        }
        return .inet(assignment)
    }

    private static func inet6(_ tokens: TokenView) -> Line? {
        let first = tokens[1]
        var address = first
        var prefixLength: Int? = nil
        if let slash = first.firstIndex(of: UInt8(ascii: "/")) {
            address = first[..<slash]
            prefixLength = TokenView.integer(first[(slash + 1)...])
        }
        var scope: String? = nil
        var scopeID: String? = nil
        var sawPrefix = prefixLength != nil
        var index = 2
        while index < tokens.count {
            if tokens.is(index, "prefixlen"), index + 1 < tokens.count {
                prefixLength = TokenView.integer(tokens[index + 1])
                sawPrefix = true
                index += 1
            } else if tokens.is(index, "scopeid"), index + 1 < tokens.count {
                let value = tokens[index + 1]
                if let open = value.firstIndex(of: UInt8(ascii: "<")) {
                    scopeID = String(decoding: value[..<open], as: UTF8.self)
                    scope = String(decoding: value[(open + 1)...].prefix { $0 != UInt8(ascii: ">") }, as: UTF8.self)
                } else {
                    scopeID = String(decoding: value, as: UTF8.self)
                }
                index += 1
            }
            index += 1
        }
        guard sawPrefix else { return nil }
        var zone: String? = nil
        if let percent = address.firstIndex(of: UInt8(ascii: "%")) {
            zone = String(decoding: address[(percent + 1)...], as: UTF8.self)
            address = address[..<percent]
        }
        var assignment = IPv6Assignment(address: String(decoding: address, as: UTF8.self), prefixLength: prefixLength,
                                        scope: scope, scopeID: scopeID)
        assignment.zone = zone
        return .inet6(assignment)
    }

    private static func counters(_ tokens: TokenView, received: Bool) -> Line? {
        if tokens.is(1, "packets") {
            guard tokens.count >= 3 else { return nil }
            let bytes = tokens.count >= 5 && tokens.is(3, "bytes") ? TokenView.integer(tokens[4]) : nil
            return .packets(received: received, packets: TokenView.integer(tokens[2]), bytes: bytes)
        }
        guard tokens.is(1, "errors") else { return nil }
        var counts = ErrorCounts()
        var index = 1
        while index + 1 < tokens.count {
            let value = TokenView.integer(tokens[index + 1])
            if tokens.is(index, "errors") { counts.errors = value }
            else if tokens.is(index, "dropped") { counts.dropped = value }
            else if tokens.is(index, "overruns") { counts.overruns = value }
            else if tokens.is(index, "frame") { counts.frame = value }
            else if tokens.is(index, "carrier") { counts.carrier = value }
            else if tokens.is(index, "collisions") { counts.collisions = value }
            index += 2
        }
        return .errors(received: received, counts: counts)
    }

    /// `KIND [ADDRESS] [txqueuelen N] (TITLE)` or BSD `ether ADDRESS`.
    private static func hardware(_ tokens: TokenView) -> Line? {
        // net-tools hardware names are lower-case words: ether, loop, unspec, infiniband, ppp...
        guard tokens[0].allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return nil }
        if tokens.is(0, "ether"), tokens.count == 2 {
            return .hardware(address: String(decoding: tokens[1], as: UTF8.self), queue: nil, title: nil)
        }
        guard let titleStart = (1..<tokens.count).first(where: { tokens[$0].first == UInt8(ascii: "(") }),
              tokens[tokens.count - 1].last == UInt8(ascii: ")") else { return nil }
        var address: String? = nil
        var queue: Int? = nil
        var index = 1
        while index < titleStart {
            if tokens.is(index, "txqueuelen"), index + 1 < titleStart {
                queue = TokenView.integer(tokens[index + 1])
                index += 2
                continue
            }
            // A hardware address is hex digits and separators (or a redaction), never a label.
            let token = tokens[index]
            guard address == nil, token.allSatisfy({ hexValue($0) != nil || $0 == 0x3A || $0 == 0x2D || $0 == 0x2E
                                                     || $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") || $0 == 0x2A }) else {
                return nil
            }
            address = String(decoding: token, as: UTF8.self)
            index += 1
        }
        let title = tokens.rest(from: titleStart).dropFirst().dropLast()
        guard !title.contains(UInt8(ascii: "(")), !title.contains(UInt8(ascii: ")")) else { return nil }
        return .hardware(address: address, queue: queue, title: String(decoding: title, as: UTF8.self))
    }
}

/// The whitespace-separated tokens of one line, as ranges into its bytes (kept on the stack).
struct TokenView {
    static let capacity = 48
    let line: UnsafeBufferPointer<UInt8>
    let ranges: UnsafeMutableBufferPointer<Range<Int>>
    private(set) var count = 0

    init(_ line: UnsafeBufferPointer<UInt8>, storage: UnsafeMutableBufferPointer<Range<Int>>) {
        self.line = line
        ranges = storage
        guard let bytes = line.baseAddress, let slots = storage.baseAddress else { return }
        // Raw pointers, and tokens scanned eight bytes at a time: this runs on every line.
        let length = line.count
        var index = 0
        while count < Self.capacity {
            index = firstNonBlank(bytes, from: index, to: length)
            guard index < length else { return }
            let start = index
            index = firstBlank(bytes, from: index, to: length)
            (slots + count).initialize(to: start..<index)
            count += 1
        }
    }

    subscript(index: Int) -> Slice<UnsafeBufferPointer<UInt8>> { line[ranges[index]] }

    /// Whether token `index` is exactly `word` (a byte compare, no String made).
    func `is`(_ index: Int, _ word: StaticString) -> Bool {
        let range = ranges[index]
        guard range.count == word.utf8CodeUnitCount else { return false }
        return memcmp(line.baseAddress! + range.lowerBound, word.utf8Start, range.count) == 0
    }

    /// From the start of token `index` to the end of the line.
    func rest(from index: Int) -> Slice<UnsafeBufferPointer<UInt8>> { line[ranges[index].lowerBound..<line.count] }

    static func integer(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? { decimalValue(digits) }
}

/// The offset of the first space or TAB in `bytes[start..<end]`, or `end`. Eight bytes at a time
/// (a word with a zero byte after XOR with the blank), then byte by byte for the tail.
@inline(__always)
func firstBlank(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    var index = start
    while index + 8 <= end {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
        // The lowest flagged byte of each mask is exact (borrows only flag bytes above a real one).
        let blanks = ByteWords.zeroLanes(word ^ ByteWords.splat(0x20)) | ByteWords.zeroLanes(word ^ ByteWords.splat(0x09))
        if blanks != 0 { return index + blanks.trailingZeroBitCount >> 3 }
        index += 8
    }
    while index < end, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
    return index
}
