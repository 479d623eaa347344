/// Serialises `JSONValue` straight to UTF-8 bytes: compact (`{"a":1}`) or indented by two spaces.
public enum JSONWriter {
    public static func bytes(_ value: JSONValue, pretty: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(value, into: &output, pretty: pretty, depth: 0)
        return output
    }

    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        String(decoding: bytes(value, pretty: pretty), as: UTF8.self)
    }

    private static func newline(_ output: inout [UInt8], depth: Int) {
        output.append(0x0A)
        for _ in 0..<(depth * 2) { output.append(0x20) }
    }

    static func write(_ value: JSONValue, into output: inout [UInt8], pretty: Bool, depth: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number):
            output.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(&output, depth: depth + 1) }
                write(item, into: &output, pretty: pretty, depth: depth + 1)
            }
            if pretty && !items.isEmpty { newline(&output, depth: depth) }
            output.append(UInt8(ascii: "]"))
        case .object(let pairs):
            output.append(UInt8(ascii: "{"))
            for (index, (key, item)) in pairs.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(&output, depth: depth + 1) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(0x20) }
                write(item, into: &output, pretty: pretty, depth: depth + 1)
            }
            if pretty && !pairs.isEmpty { newline(&output, depth: depth) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
