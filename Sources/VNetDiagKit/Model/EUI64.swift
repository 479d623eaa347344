/// The MAC an IPv6 address was built from by EUI-64 (`fe80::5054:ff:fe12:3456` ↔
/// `52:54:00:12:34:56`): bytes 11–12 of the address are `ff:fe`, and the universal/local bit of
/// the first byte is flipped back.
public enum EUI64 {
    public static func mac(fromIPv6 text: String) -> MACAddress? {
        let address = text.split(separator: "%").first.map(String.init) ?? text
        guard let groups = expandedGroups(address) else { return nil }
        let interfaceID = groups[4...7].flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
        guard interfaceID[3] == 0xff, interfaceID[4] == 0xfe else { return nil }
        return MACAddress(octets: [interfaceID[0] ^ 0x02, interfaceID[1], interfaceID[2], interfaceID[5], interfaceID[6], interfaceID[7]])
    }

    /// Eight 16-bit groups, with `::` expanded; nil for text that is not an IPv6 address.
    static func expandedGroups(_ text: String) -> [UInt16]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var values: [UInt16] = []
            for piece in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard let value = UInt16(piece, radix: 16), piece.count <= 4 else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
}
