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
        output.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            writeEscaped(bytes, into: &output)
        }
        if done == nil {
            var copy = text
            copy.withUTF8 { writeEscaped($0, into: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Copies runs of plain bytes in one go and escapes the rest.
    @inline(__always)
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout ByteBuffer) {
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
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
        if value >= 0 && value < 10 {
            output.append(0x30 + UInt8(value))
            return
        }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var start = 24
            repeat {
                start -= 1
                buffer[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { output.append(UInt8(ascii: "-")) }
            output.append(UnsafeBufferPointer(rebasing: buffer[start..<24]))
        }
    }
}
