/// An IPv4 prefix: `192.168.0.0/24`. The address is kept masked.
public struct IPv4Network: Hashable, Sendable, CustomStringConvertible {
    public let address: IPv4Address
    public let prefixLength: Int

    public init?(address: IPv4Address, prefixLength: Int) {
        guard let mask = IPv4Address(prefixLength: prefixLength) else { return nil }
        self.address = IPv4Address(address.value & mask.value)
        self.prefixLength = prefixLength
    }

    public init?(address: IPv4Address, mask: IPv4Address) {
        guard let length = mask.prefixLength else { return nil }
        self.init(address: address, prefixLength: length)
    }

    /// `a.b.c.d/n`, or a bare address as a /32.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPv4Address(String(parts[0])) else { return nil }
        let length = parts.count == 2 ? Int(parts[1]) : 32
        guard let length else { return nil }
        self.init(address: address, prefixLength: length)
    }

    public var mask: IPv4Address { IPv4Address(prefixLength: prefixLength)! }
    public var broadcast: IPv4Address { IPv4Address(address.value | ~mask.value) }

    public func contains(_ other: IPv4Address) -> Bool { other.value & mask.value == address.value }

    public func overlaps(_ other: IPv4Network) -> Bool {
        contains(other.address) || other.contains(address)
    }

    public var description: String { "\(address)/\(prefixLength)" }
}
