/// Where a fact came from: the input's name and the 1-based line range in it.
public struct Provenance: Hashable, Sendable, Codable {
    public let source: String
    public let firstLine: Int
    public let lastLine: Int

    public init(source: String, firstLine: Int, lastLine: Int) {
        self.source = source
        self.firstLine = firstLine
        self.lastLine = max(firstLine, lastLine)
    }

    public func extended(to line: Int) -> Provenance {
        Provenance(source: source, firstLine: min(firstLine, line), lastLine: max(lastLine, line))
    }
}

/// One input line that no parser could read, kept so nothing is dropped silently.
public struct UnparsedLine: Hashable, Sendable {
    public let line: Int
    public let text: String
    public let reason: String

    /// Longest text kept for an unparsed line; the rest is summarised, so a 50 MB line stays small.
    public static let maxKeptText = 4096

    public init(line: Int, text: String, reason: String) {
        self.line = line
        self.reason = reason
        if text.utf8.count > Self.maxKeptText {
            let kept = String(decoding: text.utf8.prefix(Self.maxKeptText), as: UTF8.self)
            self.text = kept + "… (\(text.utf8.count) bytes)"
        } else {
            self.text = text
        }
    }
}

/// An address-shaped token as written: a real address, a host name, or a redacted value like `85.136.XX.X`.
public enum HostToken: Hashable, Sendable, CustomStringConvertible {
    case ipv4(IPv4Address)
    case name(String)
    case redacted(String)

    public init(_ text: String) {
        if let address = IPv4Address(text) {
            self = .ipv4(address)
        } else if HostToken.looksRedacted(text) {
            self = .redacted(text)
        } else {
            self = .name(text)
        }
    }

    /// `init(_:)` for bytes: a dotted quad is read without making a String.
    public init<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        if let address = IPv4Address(bytes: bytes) {
            self = .ipv4(address)
        } else {
            self.init(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A dotted or colon token where some positions are masked with X, *, ? or #.
    static func looksRedacted(_ text: String) -> Bool {
        var masked = false
        var separators = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "X", "x", "*", "?", "#": masked = true
            case ".", ":": separators += 1
            case "0"..."9", "a"..."f", "A"..."F": break
            default: return false
            }
        }
        return masked && separators >= 2
    }

    public var description: String {
        switch self {
        case .ipv4(let address): return address.description
        case .name(let name): return name
        case .redacted(let text): return text
        }
    }

    public var address: IPv4Address? {
        if case .ipv4(let address) = self { return address }
        return nil
    }
}
