/// One graded line of a submission: the mode, an expected fact or a check, with its points.
public struct GradedItem: Sendable {
    public enum Kind: String, Sendable { case mode, expectation, check }

    public let id: String
    public let kind: Kind
    public let title: LocalizedText
    public let points: Int
    public let earned: Int
    /// `pass`, `fail`, `skip` or `error`, as for checks.
    public let status: String
    public let reason: SkipReason?
    public let message: LocalizedText
    public let evidence: [Provenance]
    public let fix: LocalizedText?
    public let severity: Severity?
    /// The inputs whose absence kept it from being judged (`routes`, `guest`…): what to add.
    public var needs: [String] = []
}

/// A graded submission.
public struct SubmissionGrade: Sendable {
    public let name: String
    public let detectedMode: String
    public let confidence: Double
    public let expectedMode: String
    public let items: [GradedItem]
    public var warnings: [LocalizedText]
    /// Other submissions with the same contents.
    public var identicalTo: [String] = []
    /// The student's language: Spanish when their outputs are Spanish, else the class default.
    public let language: ReportLanguage
    public let diagnosis: Diagnosis?
    public let fileCount: Int

    public var score: Int { items.reduce(0) { $0 + $1.earned } }
    public var maxScore: Int { items.reduce(0) { $0 + $1.points } }
    public var readable: Bool { diagnosis.map { !$0.readSections.isEmpty } ?? false }
}

/// What to paste to give a check the input it lacks, for feedback.
enum InputHints {
    static let hints: [String: LocalizedText] = [
        "interfaces": LocalizedText(en: "the interfaces (ifconfig -a or ip addr)", es: "las interfaces (ifconfig -a o ip addr)"),
        "addresses": LocalizedText(en: "the addresses (ifconfig -a or ip addr)", es: "las direcciones (ifconfig -a o ip addr)"),
        "routes": LocalizedText(en: "the routing table (route -n or ip route)", es: "la tabla de rutas (route -n o ip route)"),
        "networks": LocalizedText(en: "the addresses or routes (ip addr, route -n)", es: "las direcciones o rutas (ip addr, route -n)"),
        "neighbors": LocalizedText(en: "the ARP table (arp -n or ip neigh)", es: "la tabla ARP (arp -n o ip neigh)"),
        "bridges": LocalizedText(en: "the bridges (brctl show or bridge link)", es: "los puentes (brctl show o bridge link)"),
        "firewall": LocalizedText(en: "the firewall (iptables -S)", es: "el cortafuegos (iptables -S)"),
        "nat": LocalizedText(en: "the NAT table (iptables -t nat -S)", es: "la tabla NAT (iptables -t nat -S)"),
        "sysctls": LocalizedText(en: "the forwarding settings (sysctl net.ipv4.ip_forward; grep . /proc/sys/net/ipv4/conf/*/proxy_arp)",
                                 es: "los ajustes de reenvío (sysctl net.ipv4.ip_forward; grep . /proc/sys/net/ipv4/conf/*/proxy_arp)"),
        "events": LocalizedText(en: "the system log (/var/log/syslog or journalctl)", es: "el registro del sistema (/var/log/syslog o journalctl)"),
        "host": LocalizedText(en: "the host's outputs", es: "las salidas del anfitrión"),
        "guest": LocalizedText(en: "the guest's outputs", es: "las salidas del invitado"),
    ]

    static func text(_ inputs: [String]) -> LocalizedText {
        let items = inputs.map { hints[$0] ?? LocalizedText(en: $0, es: $0) }
        return LocalizedText(en: "add " + items.map(\.en).joined(separator: "; "), es: "añade " + items.map(\.es).joined(separator: "; "))
    }
}
