/// `vnetdiag collect`: what to run on a machine to capture its network state, and how the capture
/// is laid out — one file per command, each starting with the prompt line a person would have
/// pasted (`root@kvmhost:~# route -n`), plus `collect.txt` saying who, what ran and what was missing.
/// The running itself is given by the caller: the library does not start processes.
public struct Collector: Sendable {
    public struct Step: Sendable {
        public let file: String
        /// Shell commands tried in order; the first that runs is kept.
        public let commands: [String]
    }

    /// How one command went.
    public enum Outcome: Sendable {
        case output(String)
        /// Not installed, not permitted, failed: said in the manifest, never fatal.
        case unavailable(String)
    }

    /// Log lines about DHCP, bridges, vmnet, Xen and libvirt from whichever log this machine keeps.
    static let logPattern = "DHCP|dhclient|dnsmasq|vmnet|bridge|xenbr|virbr|vboxnet|vif[0-9]|promiscuous|entered|port [0-9]|libvirt"

    public static let plan: [Step] = [
        Step(file: "ifconfig-a.txt", commands: ["ifconfig -a"]),
        Step(file: "ip-addr.txt", commands: ["ip addr"]),
        Step(file: "route-n.txt", commands: ["route -n"]),
        Step(file: "ip-route.txt", commands: ["ip route"]),
        Step(file: "proc-net-arp.txt", commands: ["cat /proc/net/arp"]),
        Step(file: "arp-n.txt", commands: ["arp -n"]),
        Step(file: "ip-neigh.txt", commands: ["ip neigh"]),
        Step(file: "brctl-show.txt", commands: ["brctl show"]),
        Step(file: "bridge-link.txt", commands: ["bridge link"]),
        Step(file: "iptables-nat-S.txt", commands: ["iptables -t nat -S"]),
        Step(file: "iptables-S.txt", commands: ["iptables -S"]),
        Step(file: "ip-forward.txt", commands: ["sysctl net.ipv4.ip_forward", "cat /proc/sys/net/ipv4/ip_forward"]),
        Step(file: "proxy-arp.txt", commands: ["grep . /proc/sys/net/ipv4/conf/*/proxy_arp"]),
        Step(file: "syslog.txt", commands: [
            // `|| test -r`: no matching line in a readable log is an empty capture, not a failure.
            "tail -n 20000 /var/log/syslog | grep -E '\(logPattern)' || test -r /var/log/syslog",
            "tail -n 20000 /var/log/messages | grep -E '\(logPattern)' || test -r /var/log/messages",
            "journalctl -n 20000 --no-pager -o short | grep -E '\(logPattern)'",
        ]),
    ]

    public let hostname: String
    public let user: String
    public let role: String?

    public init(hostname: String, user: String, role: String?) {
        self.hostname = hostname
        self.user = user
        self.role = role
    }

    public var prompt: String { "\(user)@\(hostname):~\(user == "root" ? "#" : "$") " }

    /// Runs the plan with `run` and returns the files to write (name, contents), manifest last.
    public func capture(date: String, run: (String) -> Outcome) -> [(file: String, text: String)] {
        var files: [(String, String)] = []
        var ran: [String] = [], missing: [String] = []
        for step in Self.plan {
            var reasons: [String] = []
            var kept = false
            for command in step.commands {
                switch run(command) {
                case .output(let text):
                    files.append((step.file, prompt + command + "\n" + text + (text.hasSuffix("\n") || text.isEmpty ? "" : "\n")))
                    ran.append("\(command) (\(step.file))")
                    kept = true
                case .unavailable(let why):
                    reasons.append("\(command): \(why)")
                }
                if kept { break }
            }
            if !kept { missing += reasons }
        }
        var manifest = ["# vnetdiag collect 0.1.0", "hostname: \(hostname)"]
        if let role { manifest.append("role: \(role)") }
        manifest += ["user: \(user)", "date: \(date)"]
        manifest += ran.map { "ran: \($0)" }
        manifest += missing.map { "missing: \($0)" }
        files.append(("collect.txt", manifest.joined(separator: "\n") + "\n"))
        return files
    }

    /// A `.tar.gz` of the capture under one folder, for mailing or uploading.
    public static func tarGz(_ files: [(file: String, text: String)], folder: String) -> [UInt8] {
        var tar: [UInt8] = []
        for (file, text) in files {
            let data = Array(text.utf8)
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ string: String, at offset: Int, width: Int) {
                for (index, byte) in string.utf8.prefix(width).enumerated() { header[offset + index] = byte }
            }
            func octal(_ value: Int, width: Int) -> String {
                let digits = String(value, radix: 8)
                return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
            }
            put("\(folder)/\(file)", at: 0, width: 100)
            put(octal(0o644, width: 8), at: 100, width: 7)
            put(octal(0, width: 8), at: 108, width: 7)
            put(octal(0, width: 8), at: 116, width: 7)
            put(octal(data.count, width: 12), at: 124, width: 11)
            put(octal(0, width: 12), at: 136, width: 11)
            put("        ", at: 148, width: 8)
            header[156] = UInt8(ascii: "0")
            put("ustar", at: 257, width: 6)
            put("00", at: 263, width: 2)
            let checksum = header.reduce(0) { $0 + Int($1) }
            put(octal(checksum, width: 7) + "\0 ", at: 148, width: 8)
            tar += header + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
        }
        tar += [UInt8](repeating: 0, count: 1024)
        return Gzip.deflate(tar)
    }
}
