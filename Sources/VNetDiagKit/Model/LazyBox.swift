/// A value with an empty state, the one a `LazyBox` holds before anything is written.
public protocol EmptyInitializable {
    init()
}

/// A value kept behind one reference, copied only when written while shared, and not allocated at
/// all until first written. Records carry many fields that most inputs never fill (Windows adapter
/// details, iproute2 attributes, BSD media lines); inline they made every copy of an
/// `InterfaceRecord` move hundreds of bytes and retain every field.
@propertyWrapper
public struct LazyBox<Value: Sendable & EmptyInitializable>: Sendable {
    private final class Storage: @unchecked Sendable {
        // Mutated only through `wrappedValue`'s modify, after a uniqueness check; that check is
        // what keeps accesses exclusive, so the runtime's own (a tenth of an ifconfig line's cost
        // in counters) is left out.
        @exclusivity(unchecked) var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var storage: Storage?

    public init() {}

    public var wrappedValue: Value {
        get { storage?.value ?? Value() }
        set {
            if storage != nil, isKnownUniquelyReferenced(&storage!) {
                storage!.value = newValue
            } else {
                storage = Storage(newValue)
            }
        }
        _modify {
            if storage == nil {
                storage = Storage(Value())
            } else if !isKnownUniquelyReferenced(&storage!) {
                storage = Storage(storage!.value)
            }
            yield &storage!.value
        }
    }
}
