/// An IPv4 address held as its 32-bit value (network order in the integer's high byte first).
public struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: UInt32

    public init(_ value: UInt32) { self.value = value }

    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses a dotted quad from bytes; rejects anything else (names, redactions, extra text).
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        var result: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 3 || octet > 255 { return nil }
            case UInt8(ascii: "."):
                if digits == 0 || dots == 3 { return nil }
                result = result << 8 | octet
                octet = 0
                digits = 0
                dots += 1
            default:
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        value = result << 8 | octet
    }

    public init?(_ text: String) {
        var text = text
        guard let address = text.withUTF8({ IPv4Address(bytes: $0) }) else { return nil }
        self = address
    }

    /// A netmask given as a prefix length (0...32).
    public init?(prefixLength: Int) {
        guard (0...32).contains(prefixLength) else { return nil }
        value = prefixLength == 0 ? 0 : UInt32.max << (32 - UInt32(prefixLength))
    }

    /// `/proc/net/route` prints the network-order address as a little-endian u32 in hex.
    public init?(procRouteHex text: String) {
        guard text.utf8.count == 8, let raw = UInt32(text, radix: 16) else { return nil }
        value = raw.byteSwapped
    }

    public var octets: (UInt8, UInt8, UInt8, UInt8) {
        (UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff))
    }

    /// The prefix length when this is a contiguous netmask, else nil.
    public var prefixLength: Int? {
        let ones = value.leadingZeroBitCount == 0 ? (~value).leadingZeroBitCount : 0
        let expected: UInt32 = ones == 0 ? 0 : UInt32.max << (32 - UInt32(ones))
        return value == expected ? ones : nil
    }

    public var description: String {
        // Written straight into the string's storage (at most 15 bytes: a small string, no
        // allocation): interpolation, then an array, showed up in parse profiles.
        String(unsafeUninitializedCapacity: Self.maximumTextLength) { buffer in writeDotted(to: buffer.baseAddress!) }
    }

    /// The longest dotted quad, `255.255.255.255`.
    static let maximumTextLength = 15

    /// Each octet's decimal digits in the low three bytes and their count in the high byte.
    private static let octetDigits: [UInt32] = (0...255).map { octet in
        var packed = UInt32(String(octet).utf8.count) << 24
        for (index, digit) in String(octet).utf8.enumerated() { packed |= UInt32(digit) << (8 * UInt32(index)) }
        return packed
    }

    /// Writes the dotted quad at `output` (room for `maximumTextLength` bytes); returns its length.
    /// Digits come from a table: no division per octet (JSON writes thousands of addresses).
    @inline(__always)
    func writeDotted(to output: UnsafeMutablePointer<UInt8>) -> Int {
        Self.octetDigits.withUnsafeBufferPointer { table in
            var count = 0
            var octet = 0
            // A counted loop: a `stride` went through generic index witnesses on every address.
            while octet < 4 {
                let shift = UInt32(24 - 8 * octet)
                let packed = table[Int(truncatingIfNeeded: value >> shift) & 0xFF]
                let length = Int(packed >> 24)
                output[count] = UInt8(truncatingIfNeeded: packed)
                if length > 1 { output[count + 1] = UInt8(truncatingIfNeeded: packed >> 8) }
                if length > 2 { output[count + 2] = UInt8(truncatingIfNeeded: packed >> 16) }
                count += length
                if octet < 3 { output[count] = UInt8(ascii: "."); count += 1 }
                octet += 1
            }
            return count
        }
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }
}
