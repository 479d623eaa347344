/// A value while a check runs. `null` is "not known": a field the input did not show.
public enum CheckValue {
    case bool(Bool), int(Int), string(String), ip(IPv4Address), cidr(IPv4Network), mac(MACAddress), null
    case list([CheckValue])
    case object(CheckObject)

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var asBool: Bool? { if case .bool(let value) = self { return value } else { return nil } }

    public var asList: [CheckValue]? { if case .list(let items) = self { return items } else { return nil } }

    /// The lines behind a value: an object's own, or every object's in a list.
    public var origins: [Provenance] {
        switch self {
        case .object(let object): return object.origin.map { [$0] } ?? []
        case .list(let items): return items.flatMap(\.origins)
        default: return []
        }
    }

    /// How a value reads in a message or an `explain` trace.
    public var text: String {
        switch self {
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .string(let value): return value
        case .ip(let value): return value.description
        case .cidr(let value): return value.description
        case .mac(let value): return value.description
        case .null: return "?"
        case .list(let items): return items.map(\.text).joined(separator: ", ")
        case .object(let object): return object.label
        }
    }

    /// Like `text`, but quoting strings and bracketing lists, for traces.
    public var literal: String {
        switch self {
        case .string(let value): return "\"\(value)\""
        case .null: return "null"
        case .list(let items):
            let shown = items.prefix(8).map(\.literal).joined(separator: ", ")
            return "[\(shown)\(items.count > 8 ? ", … (\(items.count))" : "")]"
        case .object(let object): return "\(object.type)(\(object.label))"
        default: return text
        }
    }

    public static func == (lhs: CheckValue, rhs: CheckValue) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.ip(let a), .ip(let b)): return a == b
        case (.cidr(let a), .cidr(let b)): return a == b
        case (.mac(let a), .mac(let b)): return a == b
        case (.null, .null): return true
        case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
        case (.object(let a), .object(let b)): return a.type == b.type && a.identity == b.identity
        default: return false
        }
    }

    /// A key for `unique()`.
    var hashKey: String {
        switch self {
        case .object(let object): return "\(object.type):\(object.identity)"
        case .list(let items): return "[" + items.map(\.hashKey).joined(separator: ",") + "]"
        default: return literal
        }
    }
}

/// An object of the model as rules see it: fields computed on first use and then kept, so a large
/// log's events are only turned into values when a rule asks for them.
public final class CheckObject {
    public let type: String
    public let label: String
    public let identity: String
    public let origin: Provenance?
    let provider: (String) -> CheckValue
    let methods: (String, [CheckValue]) -> CheckValue
    var cache: [String: CheckValue] = [:]

    init(type: String, label: String, identity: String? = nil, origin: Provenance?,
         methods: @escaping (String, [CheckValue]) -> CheckValue = { _, _ in .null },
         fields provider: @escaping (String) -> CheckValue) {
        self.type = type
        self.label = label
        self.identity = identity ?? (origin.map { "\($0.source):\($0.firstLine):\(label)" } ?? label)
        self.origin = origin
        self.provider = provider
        self.methods = methods
    }

    public func field(_ name: String) -> CheckValue {
        if let value = cache[name] { return value }
        let value = provider(name)
        cache[name] = value
        return value
    }

    public func call(_ name: String, _ arguments: [CheckValue]) -> CheckValue { methods(name, arguments) }
}

extension Optional {
    /// `nil` becomes `null`; used by the model's field tables.
    func checkValue(_ transform: (Wrapped) -> CheckValue) -> CheckValue {
        map(transform) ?? .null
    }
}
