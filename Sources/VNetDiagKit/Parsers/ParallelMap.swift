import Dispatch
import Foundation

/// Maps items on all cores, keeping their order.
enum ParallelMap {
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        let slots = ResultSlots<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots.store(transform(items[index]), at: index)
        }
        return slots.values
    }

    /// At most `jobs` items at a time (each worker takes every `jobs`-th item), order kept;
    /// `progress` gets the number finished so far, from any thread.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], jobs: Int, progress: @Sendable (Int) -> Void,
                                                      _ transform: @Sendable (Item) -> Result) -> [Result] {
        let slots = ResultSlots<Result>(count: items.count)
        let counter = FinishedCounter()
        let workers = max(1, min(jobs, items.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < items.count {
                slots.store(transform(items[index]), at: index)
                progress(counter.increment())
                index += workers
            }
        }
        return slots.values
    }
}

private final class FinishedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }
}

/// One slot per item, each written by exactly one iteration of `concurrentPerform`; the buffer
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
