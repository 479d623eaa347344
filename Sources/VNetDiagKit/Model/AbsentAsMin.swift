/// An optional count in eight bytes instead of sixteen: `Int.min` stands for absent (counts are
/// read from digits, so it is never one; set, it reads back as nil).
@propertyWrapper
public struct AbsentAsMin: Sendable, Equatable {
    private var stored = Int.min

    public init() {}

    public init(wrappedValue: Int?) { stored = wrappedValue ?? .min }

    public var wrappedValue: Int? {
        get { stored == .min ? nil : stored }
        set { stored = newValue ?? .min }
    }
}
