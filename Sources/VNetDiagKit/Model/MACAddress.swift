/// A 48-bit Ethernet address. Parses colon or dash separators, upper or lower case, and
/// macOS's octets without leading zeros (`0:11:22:3:4:5`).
public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    /// The six octets, first octet in the high bits of the low 48: no array per address.
    public let value: UInt64

    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        var result: UInt64 = 0
        var octetCount = 0
        var current: UInt64 = 0
        var digits = 0
        var separator: UInt8? = nil
        for byte in bytes {
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") {
                if separator == nil { separator = byte }
                guard byte == separator, digits > 0, octetCount < 5 else { return nil }
                result = result << 8 | current
                octetCount += 1
                current = 0
                digits = 0
                continue
            }
            guard let nibble = hexValue(byte) else { return nil }
            current = current << 4 | UInt64(nibble)
            digits += 1
            if digits > 2 { return nil }
        }
        guard digits > 0, octetCount == 5 else { return nil }
        value = result << 8 | current
    }

    public init?(_ text: String) {
        // Through a buffer pointer: iterating the String's UTF-8 view cost 800 instructions a MAC.
        var text = text
        guard let address = text.withUTF8({ MACAddress(bytes: $0) }) else { return nil }
        self = address
    }

    /// From six octets (EUI-64 interface ids, libvirt's tap/guest pairs).
    public init?(octets: [UInt8]) {
        guard octets.count == 6 else { return nil }
        value = octets.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The first three octets as one number (the OUI): `00:50:56` is 0x005056.
    public var vendorPrefix: UInt32 { UInt32(truncatingIfNeeded: value >> 24) }

    /// The first octet, whose low bits mark multicast (1) and locally administered (2) addresses.
    public var firstOctet: UInt8 { UInt8(truncatingIfNeeded: value >> 40) }

    public var octets: [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: value >> UInt64(40 - 8 * $0)) }
    }

    /// Canonical lower-case, colon-separated form.
    public var description: String {
        String(unsafeUninitializedCapacity: Self.textLength) { buffer in writeText(to: buffer.baseAddress!) }
    }

    /// `description`'s 17 bytes written at `target` (JSON output writes them in place); the count.
    @discardableResult
    func writeText(to target: UnsafeMutablePointer<UInt8>) -> Int {
        let digits: StaticString = "0123456789abcdef"
        for index in 0..<6 {
            let octet = Int(truncatingIfNeeded: value >> UInt64(40 - 8 * index)) & 0xff
            if index > 0 { target[3 * index - 1] = UInt8(ascii: ":") }
            target[3 * index] = digits.utf8Start[octet >> 4]
            target[3 * index + 1] = digits.utf8Start[octet & 15]
        }
        return Self.textLength
    }

    static let textLength = 17

    public var isZero: Bool { value == 0 }
    public var isBroadcast: Bool { value == 0xffff_ffff_ffff }
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
