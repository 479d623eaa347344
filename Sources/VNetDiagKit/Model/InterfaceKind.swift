/// What an interface is, from its name (domain.md §2.3, §3.1, §4, §5, §6).
public enum InterfaceKind {
    static let prefixes: [(prefix: String, kind: String)] = [
        ("lo", "loopback"), ("vif", "xen-vif"), ("tap", "tap"), ("peth", "physical"), ("xenbr", "bridge"), ("virbr", "bridge"),
        ("vmbr", "bridge"), ("lxcbr", "bridge"), ("lxdbr", "bridge"), ("docker", "bridge"), ("br", "bridge"), ("vmnet", "vmnet"),
        ("vboxnet", "vboxnet"), ("vnet", "vnet"), ("veth", "veth"), ("wlan", "wireless"), ("wl", "wireless"), ("ath", "wireless"),
        ("wifi", "wireless"), ("eth", "physical"), ("en", "physical"), ("em", "physical"), ("bond", "physical"), ("ppp", "tunnel"),
        ("tun", "tunnel"), ("wg", "tunnel"),
    ]

    public static func of(_ name: String, linkType: String?) -> String {
        if linkType == "Local Loopback" { return "loopback" }
        if name.contains("VMnet") { return "vmnet" }
        if name.contains("VirtualBox Host-Only") { return "vboxnet" }
        return prefixes.first { name.hasPrefix($0.prefix) }?.kind ?? "other"
    }
}
