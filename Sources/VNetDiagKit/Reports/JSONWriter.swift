/// Serialises `JSONValue` to UTF-8 bytes through `JSONStream`, and the byte-level pieces it uses.
public enum JSONWriter {
    public static func bytes(_ value: JSONValue, pretty: Bool, expectedSize: Int = 4096) -> [UInt8] {
        var stream = JSONStream(pretty: pretty, capacity: expectedSize)
        stream.value(value)
        return stream.bytes
    }

    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        String(decoding: bytes(value, pretty: pretty), as: UTF8.self)
    }

    static let trueBytes = Array("true".utf8)
    static let falseBytes = Array("false".utf8)
    static let nullBytes = Array("null".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into output: inout ByteBuffer) {
        withUTF8(text) { writeQuoted($0, into: &output) }
    }

    /// A string's content, escaped, without its quotes (for a value written in parts).
    static func writeUnquoted(_ text: String, into output: inout ByteBuffer) {
        withUTF8(text) { writeEscaped($0, into: &output) }
    }

    /// The UTF-8 bytes of `text`, in place when it is native (a bridged string is copied first).
    @inline(__always)
    private static func withUTF8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            var copy = text
            copy.withUTF8(body)
        }
    }

    /// Bytes that JSON strings must escape: control characters, `"`, `\` and DEL.
    private static let needsEscape: [Bool] = (0...255).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }

    /// Quoted and escaped. Most values (names, addresses, flags) need no escape: they are checked
    /// first and copied with their quotes in one go.
    @inline(__always)
    static func writeQuoted(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout ByteBuffer) {
        let count = bytes.count
        let plain = needsEscape.withUnsafeBufferPointer { table in
            for byte in bytes where table[Int(byte)] { return false }
            return true
        }
        if plain {
            output.appendInPlace(maximum: count + 2) { target in
                target[0] = UInt8(ascii: "\"")
                if let base = bytes.baseAddress { copyShort(to: target + 1, from: base, count: count) }
                target[count + 1] = UInt8(ascii: "\"")
                return count + 2
            }
            return
        }
        output.append(UInt8(ascii: "\""))
        writeEscaped(bytes, into: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Copies runs of plain bytes in one go and escapes the rest.
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout ByteBuffer) {
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if needsEscape[Int(byte)] {
                output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscaped(byte, into: &output)
                runStart = index + 1
            }
            index += 1
        }
        output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
    }

    private static func appendEscaped(_ byte: UInt8, into output: inout ByteBuffer) {
        switch byte {
        case UInt8(ascii: "\""): output.append([0x5C, 0x22])
        case UInt8(ascii: "\\"): output.append([0x5C, 0x5C])
        case 0x0A: output.append([0x5C, UInt8(ascii: "n")])
        case 0x0D: output.append([0x5C, UInt8(ascii: "r")])
        case 0x09: output.append([0x5C, UInt8(ascii: "t")])
        default:
            output.append([0x5C, UInt8(ascii: "u"), 0x30, 0x30])
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0xF)])
        }
    }

    static func writeInt(_ value: Int, into output: inout ByteBuffer) {
        output.appendInPlace(maximum: maximumIntLength) { writeInt(value, to: $0) }
    }

    /// A sign and 19 digits.
    static let maximumIntLength = 20

    /// Writes `value` in decimal at `target`, counted first and then written from the right; returns
    /// how many bytes (at most `maximumIntLength`).
    @inline(__always)
    static func writeInt(_ value: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var magnitude = value.magnitude
        if magnitude < 10 {
            if value < 0 { target[0] = UInt8(ascii: "-"); target[1] = 0x30 + UInt8(magnitude); return 2 }
            target[0] = 0x30 + UInt8(magnitude)
            return 1
        }
        var digits = 0
        var probe = magnitude
        while probe > 0 { digits += 1; probe /= 10 }
        let sign = value < 0 ? 1 : 0
        if sign == 1 { target[0] = UInt8(ascii: "-") }
        var index = sign + digits
        repeat {
            index -= 1
            target[index] = 0x30 + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        return sign + digits
    }

    /// `"key":` (`"key": ` when spaced), after a comma when `comma`, for a key written in the source
    /// (a plain identifier, nothing to escape), with one capacity check.
    @inline(__always)
    static func writeObjectKey(_ key: StaticString, comma: Bool, spaced: Bool, into output: inout ByteBuffer) {
        output.appendInPlace(maximum: objectKeyLength(key)) { writeObjectKey(key, comma: comma, spaced: spaced, to: $0) }
    }

    /// The most bytes `writeObjectKey` stores for `key`: comma, quotes, colon and space (the space
    /// is stored always and counted only when spaced).
    @inline(__always)
    static func objectKeyLength(_ key: StaticString) -> Int { key.utf8CodeUnitCount + 5 }

    /// `writeObjectKey` at `start`; returns how many bytes it wrote.
    @inline(__always)
    static func writeObjectKey(_ key: StaticString, comma: Bool, spaced: Bool, to start: UnsafeMutablePointer<UInt8>) -> Int {
        let count = key.utf8CodeUnitCount
        var target = start
        if comma {
            target[0] = UInt8(ascii: ",")
            target += 1
        }
        target[0] = UInt8(ascii: "\"")
        copyShort(to: target + 1, from: key.utf8Start, count: count)
        target[count + 1] = UInt8(ascii: "\"")
        target[count + 2] = UInt8(ascii: ":")
        target[count + 3] = 0x20
        return (comma ? 1 : 0) + (spaced ? count + 4 : count + 3)
    }

    /// A dotted quad between quotes, written in place (no String made).
    static func writeIPv4(_ address: IPv4Address, into output: inout ByteBuffer) {
        writeQuoted(maximum: IPv4Address.maximumTextLength, into: &output) { address.writeDotted(to: $0) }
    }

    static func writeMAC(_ address: MACAddress, into output: inout ByteBuffer) {
        writeQuoted(maximum: MACAddress.textLength, into: &output) { address.writeText(to: $0) }
    }

    /// A value that needs no escaping, written in place between quotes by `body` (which returns
    /// its length), with one capacity check.
    @inline(__always)
    private static func writeQuoted(maximum: Int, into output: inout ByteBuffer,
                                    _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        output.appendInPlace(maximum: maximum + 2) { target in
            target[0] = UInt8(ascii: "\"")
            let length = body(target + 1)
            target[length + 1] = UInt8(ascii: "\"")
            return length + 2
        }
    }
}
