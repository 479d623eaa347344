/// The functions and methods of the condition language (signatures in `CheckSchema`). A `null`
/// argument gives `null`: an unknown address is neither inside nor outside a subnet.
enum CheckFunctions {
    static func call(_ name: String, _ arguments: [CheckValue]) -> CheckValue {
        switch (name, arguments.first, arguments.dropFirst().first) {
        case ("size", .list(let items)?, _): return .int(items.count)
        case ("size", .string(let text)?, _): return .int(text.count)
        case ("unique", .list(let items)?, _):
            var seen: Set<String> = []
            return .list(items.filter { !$0.isNull && seen.insert($0.hashKey).inserted })
        case ("first", .list(let items)?, _): return items.first ?? .null
        case ("string", let value?, _): return value.isNull ? .null : .string(value.text)
        case ("inSubnet", .ip(let address)?, .cidr(let network)?): return .bool(network.contains(address))
        case ("overlaps", .cidr(let a)?, .cidr(let b)?): return .bool(a.overlaps(b))
        case ("overlapping", .list(let items)?, _):
            let networks = items.compactMap { item -> IPv4Network? in if case .cidr(let network) = item { return network } else { return nil } }
            return .list(IPv4Network.overlapping(networks).map { .cidr($0) })
        case ("sameSubnet", .ip(let a)?, .ip(let b)?):
            guard case .int(let length)? = arguments.last, let network = IPv4Network(address: a, prefixLength: length) else { return .null }
            return .bool(network.contains(b))
        case ("network", .ip(let address)?, .int(let length)?):
            return IPv4Network(address: address, prefixLength: length).checkValue { .cidr($0) }
        case ("hostIndex", .ip(let address)?, .cidr(let network)?):
            guard network.contains(address) else { return .null }
            return .int(Int(address.value - network.address.value))
        case ("broadcastOf", .cidr(let network)?, _): return .ip(network.broadcast)
        case ("prefixLength", .cidr(let network)?, _): return .int(network.prefixLength)
        case ("address", .cidr(let network)?, .int(let index)?):
            guard index >= 0, UInt64(index) <= UInt64(~network.mask.value) else { return .null }
            return .ip(IPv4Address(network.address.value + UInt32(index)))
        case ("ip", .string(let text)?, _): return IPv4Address(text).checkValue { .ip($0) }
        case ("cidr", .string(let text)?, _): return IPv4Network(text).checkValue { .cidr($0) }
        case ("mac", .string(let text)?, _): return MACAddress(text).checkValue { .mac($0) }
        case ("int", .string(let text)?, _): return Int(text.trimmingBlanks).checkValue { .int($0) }
        case ("macVendor", .mac(let mac)?, _): return .string(vendor(of: mac))
        case ("isMulticast", .mac(let mac)?, _): return .bool(mac.firstOctet & 1 == 1)
        case ("isLocallyAdministered", .mac(let mac)?, _): return .bool(mac.firstOctet & 2 == 2)
        case ("isPrivate", .ip(let address)?, _):
            let privateNetworks = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].compactMap(IPv4Network.init)
            return .bool(privateNetworks.contains { $0.contains(address) })
        case ("isLinkLocal", .ip(let address)?, _): return .bool(IPv4Network("169.254.0.0/16")!.contains(address))
        default: return .null
        }
    }

    static func method(_ name: String, on receiver: CheckValue, _ arguments: [CheckValue]) -> CheckValue {
        switch (receiver, name, arguments.first) {
        case (.string(let text), "startsWith", .string(let prefix)?): return .bool(text.hasPrefix(prefix))
        case (.string(let text), "endsWith", .string(let suffix)?): return .bool(text.hasSuffix(suffix))
        case (.string(let text), "contains", .string(let part)?): return .bool(text.contains(part))
        case (.string(let text), "lower", _): return .string(text.lowercased())
        case (.object(let object), _, _): return object.call(name, arguments)
        default: return .null
        }
    }

    /// A short platform name for a MAC (domain.md §7.1): `xen-backend`, `vmware-host`, `vmware`,
    /// `virtualbox`, `qemu`, `xen`, `hyper-v`, `libvirt-tap`, or `other`.
    static func vendor(of mac: MACAddress) -> String {
        if VirtualizationVocabulary.isXenBackend(mac) { return "xen-backend" }
        if VirtualizationVocabulary.isVMwareHostAdapter(mac) { return "vmware-host" }
        let text = mac.description
        for (prefix, vendor) in [("00:0c:29", "vmware"), ("00:50:56", "vmware"), ("00:05:69", "vmware"), ("00:1c:14", "vmware"),
                                 ("08:00:27", "virtualbox"), ("0a:00:27", "virtualbox-host"), ("52:54:00", "qemu"),
                                 ("00:16:3e", "xen"), ("00:15:5d", "hyper-v"), ("fe:54:00", "libvirt-tap"), ("02:42:", "docker")]
        where text.hasPrefix(prefix) {
            return vendor
        }
        return "other"
    }
}
