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

    /// The networks of `networks` that overlap another entry (a duplicate counts), in first-seen
    /// order, in O(n log n): prefixes nest or are disjoint, so after sorting by start (widest
    /// first) an entry overlaps an earlier one exactly when it starts before the furthest end seen.
    public static func overlapping(_ networks: [IPv4Network]) -> [IPv4Network] {
        let order = networks.indices.sorted {
            let (a, b) = (networks[$0], networks[$1])
            return a.address != b.address ? a.address < b.address : a.prefixLength < b.prefixLength
        }
        var clashing = Set<Int>()
        var widest: Int? = nil
        for position in order {
            let network = networks[position]
            if let holder = widest, network.address.value <= networks[holder].broadcast.value {
                clashing.insert(position)
                clashing.insert(holder)
                if network.broadcast.value > networks[holder].broadcast.value { widest = position }
            } else {
                widest = position
            }
        }
        var seen = Set<IPv4Network>()
        return networks.indices.filter { clashing.contains($0) }.map { networks[$0] }.filter { seen.insert($0).inserted }
    }
}
