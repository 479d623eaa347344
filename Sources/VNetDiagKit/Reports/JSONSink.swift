/// An object key: a literal written as its bytes (no escaping needed, no String made), or any String.
public struct JSONKey: ExpressibleByStringLiteral, Sendable {
    enum Storage: Sendable {
        case literal(StaticString)
        case text(String)
    }

    let storage: Storage

    public init(stringLiteral value: StaticString) { storage = .literal(value) }
    public init(_ text: String) { storage = .text(text) }

    public var text: String {
        switch storage {
        case .literal(let literal): return literal.description
        case .text(let text): return text
        }
    }
}

/// Where reports write JSON: straight to bytes (`JSONStream`, the command line) or into a
/// `JSONValue` tree (`JSONTreeBuilder`, tests and callers that inspect the result). One code path
/// per report serves both; the generic code is specialised, so the byte path builds no tree.
/// `SendableMetatype`: `elements` hands the sink's type to closures run on several threads.
public protocol JSONSink: SendableMetatype {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// The next value belongs to this key of the open object.
    mutating func key(_ name: JSONKey)
    mutating func string(_ value: String)
    /// One string value made of `parts`, each followed by `suffix` (jc's old-layout `state`,
    /// `"UP BROADCAST "`): the byte stream writes it without building the String.
    mutating func string(joining parts: [String], eachFollowedBy suffix: String)
    mutating func int(_ value: Int)
    /// `key(name)` then `int(value)`, nothing when the value is absent: the byte stream writes both
    /// at once (a parse answer holds a hundred thousand of them).
    mutating func field(_ name: JSONKey, _ value: Int?)
    /// A dotted quad as a string value.
    mutating func ipv4(_ address: IPv4Address)
    /// A MAC address in its canonical lower-case form as a string value.
    mutating func mac(_ address: MACAddress)
    /// A finite number in its shortest round-trip form (`0.49`, `-3.1`); not finite writes null.
    mutating func double(_ value: Double)
    mutating func bool(_ value: Bool)
    mutating func null()
    /// Writes `items` as the elements of an open array. The byte stream writes large arrays on
    /// all cores; a tree builder writes them in order.
    mutating func elements<Item: Sendable>(_ items: [Item], _ write: @Sendable (inout Self, Item) -> Void)
}

extension JSONSink {
    public mutating func elements<Item: Sendable>(_ items: [Item], _ write: @Sendable (inout Self, Item) -> Void) {
        for item in items { write(&self, item) }
    }

    public mutating func ipv4(_ address: IPv4Address) { string(address.description) }

    public mutating func mac(_ address: MACAddress) { string(address.description) }

    public mutating func string(joining parts: [String], eachFollowedBy suffix: String) {
        string(parts.map { $0 + suffix }.joined())
    }

    public mutating func object(_ body: (inout Self) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    public mutating func array(_ body: (inout Self) -> Void) {
        beginArray()
        body(&self)
        endArray()
    }

    public mutating func array<Items: Sequence>(_ items: Items, _ body: (inout Self, Items.Element) -> Void) {
        beginArray()
        for item in items { body(&self, item) }
        endArray()
    }

    /// A key with a string value; nothing when the value is nil.
    public mutating func field(_ name: JSONKey, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    public mutating func field(_ name: JSONKey, _ value: HostToken) {
        fieldOrNull(name, value)
    }

    public mutating func field(_ name: JSONKey, _ value: Int?) {
        guard let value else { return }
        key(name)
        int(value)
    }

    public mutating func field(_ name: JSONKey, _ value: IPv4Address?) {
        guard let value else { return }
        key(name)
        ipv4(value)
    }

    public mutating func field(_ name: JSONKey, _ value: MACAddress?) {
        guard let value else { return }
        key(name)
        mac(value)
    }

    public mutating func field(_ name: JSONKey, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }

    public mutating func field(_ name: JSONKey, _ values: [String]) {
        key(name)
        array(values) { sink, value in sink.string(value) }
    }

    /// A key whose value is written as null when absent (fixed key sets such as jc's).
    public mutating func fieldOrNull(_ name: JSONKey, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    public mutating func fieldOrNull(_ name: JSONKey, _ value: IPv4Address?) {
        key(name)
        if let value { ipv4(value) } else { null() }
    }

    /// A host token as text: a dotted quad, a name or a redaction as written.
    public mutating func fieldOrNull(_ name: JSONKey, _ value: HostToken?) {
        key(name)
        switch value {
        case .ipv4(let address)?: ipv4(address)
        case let token?: string(token.description)
        case nil: null()
        }
    }

    public mutating func fieldOrNull(_ name: JSONKey, _ value: Int?) {
        key(name)
        if let value { int(value) } else { null() }
    }

    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .string(let text): string(text)
        case .array(let items): array(items) { sink, item in sink.value(item) }
        case .object(let pairs):
            object { sink in
                for (name, item) in pairs {
                    sink.key(JSONKey(name))
                    sink.value(item)
                }
            }
        }
    }
}

/// Builds a `JSONValue`.
public struct JSONTreeBuilder: JSONSink {
    private enum Container {
        case object([(String, JSONValue)], pendingKey: String?)
        case array([JSONValue])
    }

    private var stack: [Container] = []
    public private(set) var result: JSONValue = .null

    public init() {}

    private mutating func add(_ value: JSONValue) {
        guard let top = stack.popLast() else {
            result = value
            return
        }
        switch top {
        case .object(var pairs, let pendingKey):
            pairs.append((pendingKey ?? "", value))
            stack.append(.object(pairs, pendingKey: nil))
        case .array(var items):
            items.append(value)
            stack.append(.array(items))
        }
    }

    public mutating func beginObject() { stack.append(.object([], pendingKey: nil)) }
    public mutating func beginArray() { stack.append(.array([])) }

    public mutating func endObject() {
        guard case .object(let pairs, _)? = stack.popLast() else { return }
        add(.object(pairs))
    }

    public mutating func endArray() {
        guard case .array(let items)? = stack.popLast() else { return }
        add(.array(items))
    }

    public mutating func key(_ name: JSONKey) {
        guard case .object(let pairs, _)? = stack.popLast() else { return }
        stack.append(.object(pairs, pendingKey: name.text))
    }

    public mutating func string(_ value: String) { add(.string(value)) }
    public mutating func int(_ value: Int) { add(.int(value)) }
    public mutating func double(_ value: Double) { add(value.isFinite ? .double(value) : .null) }
    public mutating func bool(_ value: Bool) { add(.bool(value)) }
    public mutating func null() { add(.null) }

    /// The tree that `write` produces.
    public static func build(_ write: (inout JSONTreeBuilder) -> Void) -> JSONValue {
        var builder = JSONTreeBuilder()
        write(&builder)
        return builder.result
    }
}

extension JSONSink {
    /// `"lines": [first, last]`.
    public mutating func lineRange(_ first: Int, _ last: Int) {
        key("lines")
        array { sink in
            sink.int(first)
            sink.int(last)
        }
    }

    /// `"source": ..., "lines": [first, last]` of a section, prompt line included.
    public mutating func sectionLocation(_ section: Section) {
        field("source", section.source)
        lineRange(section.span.first, section.span.last)
    }

    /// `"file": ..., "lines": [first, last]` of a record or an edge.
    public mutating func origin(_ origin: Provenance) {
        field("file", origin.source)
        lineRange(origin.firstLine, origin.lastLine)
    }
}
