import Dispatch
import Foundation

/// Maps items on the cores, keeping their order.
public enum ParallelMap {
    /// The cores this process may use, read once: Foundation reads the cgroup files on every call,
    /// which cost a third of `parse` on 200,000 small sections.
    public static let activeProcessorCount = ProcessorCount.active()

    /// Large work is cut into this many pieces per core, taken in turn: a worker thread that starts
    /// late (waking an idle virtual CPU took milliseconds) or runs slower (its fresh heap faults
    /// in) then takes fewer, instead of leaving the other core waiting.
    static let piecesPerCore = 4

    /// `transform` of every number in `numbers`, in order; ranges of at least `parallelFrom` numbers
    /// are cut into one piece per core (per-line work over large documents).
    static func map<Result: Sendable>(_ numbers: ClosedRange<Int>, parallelFrom: Int = 8192,
                                      _ transform: @Sendable (Int) -> Result) -> [Result] {
        flatMapPieces(numbers, parallelFrom: parallelFrom) { $0.map(transform) }
    }

    /// `transform` of consecutive pieces of `numbers`, `piecesPerCore` pieces per core when there are
    /// at least `parallelFrom` numbers, the results joined in order: for per-line work whose result
    /// is much smaller than the input (a few prompts among a million lines). With one piece per core
    /// a worker that woke late left the main thread both halves of prompt splitting and sniffing.
    static func flatMapPieces<Result: Sendable>(_ numbers: ClosedRange<Int>, parallelFrom: Int = 8192,
                                                _ transform: @Sendable (ClosedRange<Int>) -> [Result]) -> [Result] {
        guard numbers.count >= parallelFrom, activeProcessorCount > 1 else { return transform(numbers) }
        let ranges = pieces(of: numbers.lowerBound..<(numbers.upperBound + 1), count: activeProcessorCount * piecesPerCore)
        return map(ranges.map { $0.lowerBound...($0.upperBound - 1) }, transform).flatMap { $0 }
    }

    /// `range` cut into consecutive pieces of `size` (the last one shorter when it must).
    static func pieces(of range: Range<Int>, size: Int) -> [Range<Int>] {
        let size = max(1, size)
        return stride(from: range.lowerBound, to: range.upperBound, by: size).map { $0..<min($0 + size, range.upperBound) }
    }

    /// `range` cut into `count` consecutive pieces of about the same size (fewer when it is short).
    static func pieces(of range: Range<Int>, count: Int) -> [Range<Int>] {
        pieces(of: range, size: (range.count + max(1, count) - 1) / max(1, count))
    }

    /// One worker per item; the system runs as many at once as there are cores.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        map(items, jobs: items.count, progress: { _ in }, transform)
    }

    /// At most `jobs` items at a time, each worker taking the next item not yet taken; order kept.
    /// `progress` gets the number finished so far, from any thread.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], jobs: Int, progress: @Sendable (Int) -> Void,
                                                      _ transform: @Sendable (Item) -> Result) -> [Result] {
        let slots = ResultSlots<Result>(count: items.count)
        let counter = WorkCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, items.count))) { _ in
            while let index = counter.take(below: items.count) {
                slots.store(transform(items[index]), at: index)
                progress(counter.finish())
            }
        }
        return slots.values
    }
}

/// Hands out item indexes and counts the finished ones.
private final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var finished = 0

    func take(below count: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func finish() -> Int {
        lock.lock(); defer { lock.unlock() }
        finished += 1
        return finished
    }
}

/// One slot per item, each written by exactly one worker; the buffer
/// is allocated up front so that no thread touches shared Swift collection state.
private final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.baseAddress?.deinitialize(count: slots.count)
        slots.deallocate()
    }

    func store(_ value: Value, at index: Int) { slots[index] = value }

    var values: [Value] { slots.map { $0! } }
}
