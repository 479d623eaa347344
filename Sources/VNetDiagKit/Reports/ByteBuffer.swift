/// A growable byte buffer for output. `[UInt8].append` checks uniqueness and capacity on every
/// call, and a class's stored properties pay a runtime exclusivity check on every access; JSON
/// output makes hundreds of thousands of small appends, so this is a struct over one pointer.
/// Use it through `inout` only: two copies would share (and both grow) one allocation. It may be
/// handed to another thread whole (a finished piece of output), never shared while written.
public struct ByteBuffer: @unchecked Sendable {
    /// Frees the allocation when the last copy of the buffer goes away.
    private final class Owner {
        var pointer: UnsafeMutablePointer<UInt8>
        init(_ pointer: UnsafeMutablePointer<UInt8>) { self.pointer = pointer }
        deinit { pointer.deallocate() }
    }

    public private(set) var count = 0
    private var capacity: Int
    private var storage: UnsafeMutablePointer<UInt8>
    private var owner: Owner
    /// How far `count` may grow without a check: the capacity, or in a large buffer the end of the
    /// pages made present so far (see `makeRoom`).
    private var limit: Int

    /// Buffers this large are fresh pages from the system: they are made present a step at a
    /// time, one call per step instead of a page fault per page (a 3 MB JSON output took 800).
    private static let populateFrom = 1 << 20
    private static let populateStep = 1 << 18

    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        storage = .allocate(capacity: self.capacity)
        owner = Owner(storage)
        limit = self.capacity >= Self.populateFrom ? 0 : self.capacity
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > limit { makeRoom(count + extra) }
    }

    private mutating func makeRoom(_ needed: Int) {
        if needed > capacity { grow(to: needed) }
        guard capacity >= Self.populateFrom else {
            limit = capacity
            return
        }
        let end = min(capacity, max(needed, limit + Self.populateStep))
        populatePages(storage + limit, count: end - limit)
        limit = end
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: storage, count: count)
        storage = bigger
        owner = Owner(bigger)
        capacity = newCapacity
        limit = count  // the copied bytes are present; makeRoom goes on from there
    }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (storage + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Lets `body` write up to `maximum` bytes in place, with one capacity check for all of them;
    /// `body` returns how many it wrote.
    @inline(__always)
    public mutating func appendInPlace(maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        count += body(storage + count)
    }

    /// Empties the buffer and keeps its memory (and the pages already made present) for reuse.
    public mutating func removeAll() { count = 0 }

    /// Room for this many more bytes without growing.
    public var spareCapacity: Int { capacity - count }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    public mutating func append(repeating byte: UInt8, count repeated: Int) {
        reserve(repeated)
        (storage + count).initialize(repeating: byte, count: repeated)
        count += repeated
    }

    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    public func withUnsafeBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: storage, count: count)) }
    }
}

/// Copies `count` bytes; up to 16 by two overlapping word moves instead of a call to memcpy, which
/// cost more than the copy for JSON keys and short values.
@inline(__always)
func copyShort(to target: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>, count: Int) {
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(target)
    switch count {
    case 8...16:
        let head = from.loadUnaligned(as: UInt64.self)
        let tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        to.storeBytes(of: head, as: UInt64.self)
        to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
    case 4..<8:
        let head = from.loadUnaligned(as: UInt32.self)
        let tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        to.storeBytes(of: head, as: UInt32.self)
        to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
    case 0..<4:
        for index in 0..<count { target[index] = source[index] }
    default:
        target.update(from: source, count: count)
    }
}
