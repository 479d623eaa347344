/// One thing the machines show about their virtual networking, named so that a mode rule can
/// weigh it: `kind` is one of `TopologyFact.kinds`, `subject` what it is about (a device name,
/// a MAC prefix, an address), and `origin` the lines it rests on.
public struct TopologyFact: Sendable {
    public let kind: String
    public let subject: String
    public let machine: String
    public let message: String
    public let origin: Provenance?
    /// A short label free of words (`gw 172.16.62.2`, `192.168.0.0/24`) for drawings in any language.
    public let label: String?

    public init(kind: String, subject: String, machine: String, message: String, origin: Provenance?, label: String? = nil) {
        self.kind = kind
        self.subject = subject
        self.machine = machine
        self.message = message
        self.origin = origin
        self.label = label
    }

    /// Every kind a rule may name, with what its subject is. Rules naming another kind are refused.
    public static let kinds: [String: String] = [
        "host-device": "a hypervisor device on a host (vif1.0, peth0, xenbr0, vmnet8, virbr0, vnet0, vboxnet0); VMware Windows adapters as vmnetN",
        "host-device-address": "a hypervisor device that has an IPv4 address, as 'device address'",
        "bridge-without-address": "a bridge device with no IPv4 address (Xen ≤3.1 xenbr0)",
        "bridge-port": "a bridge port, as 'bridge:port'",
        "vif-shares-host-address": "a vif whose /32 address is another interface's (Xen route mode)",
        "vif-guest-address-plus-127": "a vif whose /32 address is a host-routed guest's plus 127 (Xen NAT mode)",
        "host-route": "a /32 host route through a hypervisor device, as the device name",
        "masquerade": "an iptables MASQUERADE or SNAT rule, as its out interface or source",
        "forwarding": "net.ipv4.ip_forward, as 'on' or 'off'",
        "dhcp-server": "a DHCP server program for guests (vmnet-dhcpd, dnsmasq-dhcp), as 'program interface'",
        "log-event": "an event from a log line, as its kind (vmnet.bridge, bridge.port-state...)",
        "container-bridge": "a container bridge (docker0, lxcbr0...), which is not a VM network",
        "guest-mac": "a guest NIC's MAC prefix (00:0c:29, 52:54:00, 08:00:27, 00:16:3e)",
        "guest-address": "a guest's IPv4 address",
        "guest-gateway": "a guest's default gateway",
        "guest-no-gateway": "a guest whose routes were read and hold no default route",
        "guest-gateway-on": "the host device whose network holds the guest's gateway",
        "guest-network-on": "the host device whose network (or host route) the guest's own network holds",
        "guest-on-host-lan": "the host's physical interface whose network the guest is on",
        "guest-gateway-xen-backend": "the guest's gateway answers with fe:ff:ff:ff:ff:ff (a Xen vif)",
        "observer-one-mac-many-ips": "an outside ARP table with several addresses at one MAC, as the MAC",
        "observer-sees-guest-mac": "an outside ARP table holding a virtual NIC's MAC, as the prefix",
    ]
}
