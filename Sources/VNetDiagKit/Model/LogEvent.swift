/// A moment in a log line: wall-clock time when the envelope has one (seconds since 1970, UTC),
/// seconds since boot for kernel `[ 12.345678]` stamps, and the text as written.
public struct LogTime: Sendable, Equatable {
    public var epoch: Double?
    public var monotonic: Double?
    public var text: String

    public init(epoch: Double? = nil, monotonic: Double? = nil, text: String) {
        self.epoch = epoch
        self.monotonic = monotonic
        self.text = text
    }
}

/// Where a log line came from and what it said, kept with every event.
public struct LogLine: Sendable, Equatable {
    public let source: String
    /// Set again when a piece scanned on its own learns how many lines came before it.
    public internal(set) var line: Int
    public let text: String
}

/// A typed event extracted from one log line by one extractor rule.
public struct LogEvent: Sendable {
    /// `dhcp.ack`, `bridge.port-state`, `vmnet.open`...
    public let kind: String
    /// The extractor rule that produced it.
    public let rule: String
    public let time: LogTime?
    public let host: String?
    /// The envelope's program (`vmnet-dhcpd`, `kernel`, `dnsmasq-dhcp`) and pid.
    public let program: String?
    public let pid: Int?
    /// Named captures and set values: `mac`, `ip`, `interface`, `server`, `hostname`, `port`, `state`...
    public let fields: [(name: String, value: String)]
    public internal(set) var origin: LogLine

    public func field(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }
}
