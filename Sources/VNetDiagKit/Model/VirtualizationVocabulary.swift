/// Names and address prefixes that tell a hypervisor host from a guest (domain.md §2.3, §3.1,
/// §3.5, §4, §5). Kept apart from the rules that weigh them so that both can be read at a glance.
public enum VirtualizationVocabulary {
    /// Interface name prefixes that exist only on a machine running virtual machines, and what they are.
    public static let hostDevicePrefixes: [(prefix: String, meaning: LocalizedText)] = [
        ("vif", LocalizedText(en: "Xen backend device", es: "dispositivo de backend de Xen")),
        ("peth", LocalizedText(en: "Xen physical port renamed by network-bridge", es: "puerto físico de Xen renombrado por network-bridge")),
        ("xenbr", LocalizedText(en: "Xen bridge", es: "puente de Xen")),
        ("vmnet", vmnetMeaning),
        ("virbr", LocalizedText(en: "libvirt bridge", es: "puente de libvirt")),
        ("vnet", LocalizedText(en: "libvirt/KVM tap device", es: "dispositivo tap de libvirt/KVM")),
        ("vboxnet", vboxnetMeaning),
        ("tap", LocalizedText(en: "tap device", es: "dispositivo tap")),
    ]
    static let vmnetMeaning = LocalizedText(en: "VMware virtual switch adapter", es: "adaptador de conmutador virtual de VMware")
    static let vboxnetMeaning = LocalizedText(en: "VirtualBox host-only adapter", es: "adaptador solo-anfitrión de VirtualBox")

    /// Returns the meaning when `name` is a host-side device (`vif1.0`, `vmnet8`, `virbr0-nic`...).
    public static func hostDevice(_ name: String) -> LocalizedText? {
        for (prefix, meaning) in hostDevicePrefixes where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if let first = rest.first, first.isNumber { return meaning }
        }
        if name.contains("VMnet") { return vmnetMeaning }
        if name.contains("VirtualBox Host-Only") { return vboxnetMeaning }
        return nil
    }

    /// Vendor prefixes of virtual NICs as seen inside a guest. `00:16:3e` is Xen but also LXC/LXD.
    public static let guestMACPrefixes: [(prefix: String, vendor: String)] = [
        ("00:0c:29", "VMware generated"), ("00:05:69", "VMware ESX generated"), ("00:1c:14", "VMware"),
        ("00:16:3e", "Xen (also LXC/LXD)"), ("52:54:00", "QEMU/KVM"), ("08:00:27", "VirtualBox"),
        ("00:15:5d", "Hyper-V"),
    ]

    /// `guestMACPrefixes` by number: looked up for every interface without formatting its MAC.
    private static let guestVendorsByOUI: [UInt32: String] = Dictionary(
        guestMACPrefixes.compactMap { entry in MACAddress(entry.prefix + ":00:00:00").map { ($0.vendorPrefix, entry.vendor) } },
        uniquingKeysWith: { first, _ in first })

    public static func guestVendor(_ mac: MACAddress) -> String? {
        if mac.vendorPrefix == 0x005056 { return isVMwareHostAdapter(mac) ? nil : "VMware static" }
        return guestVendorsByOUI[mac.vendorPrefix]
    }

    /// `00:50:56:c0:00:NN`: the host's vmnetNN adapter, not a guest (domain.md §3.1).
    public static func isVMwareHostAdapter(_ mac: MACAddress) -> Bool {
        mac.value >> 8 == 0x0050_56c0_00
    }

    /// `fe:ff:ff:ff:ff:ff`: every Xen backend device (vif, peth) carries it (domain.md §2.3).
    public static func isXenBackend(_ mac: MACAddress) -> Bool {
        mac.value == 0xfeff_ffff_ffff
    }

    /// Bridges that are not virtual-machine networks (domain.md §1, §6).
    public static let containerBridges: Set<String> = ["docker0", "lxcbr0", "lxdbr0", "incusbr0", "podman0", "cni0"]

    public static let hostFolderNames: Set<String> = ["host", "anfitrion", "anfitrión", "dom0", "hypervisor", "hipervisor", "server", "servidor"]
    public static let guestFolderPrefixes = ["guest", "invitado", "domu", "vm", "huesped", "huésped"]

    /// Programs whose DHCP lines come from a server handing out guest leases.
    public static let guestDHCPServers: Set<String> = ["vmnet-dhcpd", "dnsmasq-dhcp", "dnsmasq", "dhcpd", "VBoxNetDHCP"]
}
