import Foundation

/// A destination for finished JSON bytes (standard output, for the command line), called from
/// any thread but never from two at once.
public struct JSONOutput: Sendable {
    public let write: @Sendable (UnsafeBufferPointer<UInt8>) -> Void

    public init(_ write: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Void) {
        self.write = write
    }
}

/// Pieces of output finished on several threads, written in their order: whichever worker
/// finishes the piece that is due writes it, and every finished piece after it, outside the lock
/// (the other workers go on meanwhile). Written buffers wait in `spare` for later pieces, so the
/// memory is a few pieces whatever the size of the output.
final class OrderedPieceOutput: @unchecked Sendable {
    private let lock = NSLock()
    private let output: JSONOutput
    private let pieceCapacity: Int
    private var due = 0
    private var finished: [Int: ByteBuffer] = [:]
    private var aWorkerWrites = false
    private var spare: [ByteBuffer] = []

    init(_ output: JSONOutput, pieceCapacity: Int = 1 << 16) {
        self.output = output
        self.pieceCapacity = pieceCapacity
    }

    /// An empty buffer: one already written out, or a new one.
    func takeBuffer() -> ByteBuffer {
        lock.lock(); defer { lock.unlock() }
        return spare.popLast() ?? ByteBuffer(capacity: pieceCapacity)
    }

    /// Piece `index` (counted from 0, each exactly once) is complete.
    func finish(_ index: Int, _ buffer: ByteBuffer) {
        lock.lock()
        finished[index] = buffer
        guard !aWorkerWrites else {
            lock.unlock()
            return
        }
        aWorkerWrites = true
        while var piece = finished.removeValue(forKey: due) {
            due += 1
            lock.unlock()
            piece.withUnsafeBytes(output.write)
            piece.removeAll()
            lock.lock()
            spare.append(piece)
        }
        aWorkerWrites = false
        lock.unlock()
    }
}
