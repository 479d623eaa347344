/// A 48-bit Ethernet address. Parses colon or dash separators, upper or lower case, and
/// macOS's octets without leading zeros (`0:11:22:3:4:5`).
public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    public let octets: [UInt8]

    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        var result: [UInt8] = []
        result.reserveCapacity(6)
        var current: UInt32 = 0
        var digits = 0
        var separator: UInt8? = nil
        for byte in bytes {
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") {
                if separator == nil { separator = byte }
                guard byte == separator, digits > 0 else { return nil }
                result.append(UInt8(current))
                current = 0
                digits = 0
                continue
            }
            guard let nibble = hexValue(byte) else { return nil }
            current = current << 4 | UInt32(nibble)
            digits += 1
            if digits > 2 { return nil }
        }
        guard digits > 0 else { return nil }
        result.append(UInt8(current))
        guard result.count == 6 else { return nil }
        octets = result
    }

    public init?(_ text: String) { self.init(bytes: text.utf8) }

    /// From six octets (EUI-64 interface ids, libvirt's tap/guest pairs).
    public init?(octets: [UInt8]) {
        guard octets.count == 6 else { return nil }
        self.octets = octets
    }

    /// Canonical lower-case, colon-separated form.
    public var description: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(17)
        for (index, octet) in octets.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ":")) }
            bytes.append(digits[Int(octet >> 4)])
            bytes.append(digits[Int(octet & 15)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var isZero: Bool { octets.allSatisfy { $0 == 0 } }
    public var isBroadcast: Bool { octets.allSatisfy { $0 == 0xff } }
    /// The first three octets, e.g. `00:50:56`.
    public var oui: String { octets.prefix(3).map { String(format2: $0) }.joined(separator: ":") }
}

func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}

extension String {
    init(format2 byte: UInt8) {
        let hex = String(byte, radix: 16)
        self = byte < 16 ? "0" + hex : hex
    }
}
