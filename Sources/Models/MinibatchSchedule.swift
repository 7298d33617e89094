import GSL

/// Minibatches drawn without replacement within an epoch, the one scheme the
/// samplers (SGLD, SGNHT) and SGD use: each batch is the next B positions of
/// a lazy Fisher–Yates shuffle of 0..<n (`RandomStream.drawWithoutReplacement`,
/// about one random number per index), and a new epoch starts when fewer than
/// B unseen indices remain, so every batch has exactly B indices and the
/// n mod B leftovers of an epoch wait for a later one.
///
/// Owns its permutation in contiguous storage; drawing a batch allocates
/// nothing. One schedule per chain: not shared between threads.
public final class MinibatchSchedule {
    /// n, the number of samples.
    public let count: Int
    /// B, the batch size (at most n).
    public let batchSize: Int
    @usableFromInline let permutation: UnsafeMutableBufferPointer<Int>
    @usableFromInline var cursor: Int
    @usableFromInline var epochs = 0

    /// A schedule over `count` samples; throws unless 1 ≤ batchSize ≤ count.
    public init(count: Int, batchSize: Int) throws {
        guard count > 0 else { throw ScheduleError("the number of samples must be positive, got \(count)") }
        guard batchSize > 0, batchSize <= count else {
            throw ScheduleError("the batch size must be between 1 and n = \(count), got \(batchSize)")
        }
        self.count = count
        self.batchSize = batchSize
        permutation = .allocate(capacity: count)
        for i in 0..<count { permutation[i] = i }
        cursor = count  // the first batch starts an epoch
    }

    deinit { permutation.deallocate() }

    /// The number of epochs begun so far (0 before the first batch).
    public var epochsStarted: Int { epochs }

    /// The next batch of B indices; valid until the next call.
    @inlinable
    public func next(rng: RandomStream) -> UnsafeBufferPointer<Int> {
        if cursor + batchSize > count {
            cursor = 0
            epochs += 1
        }
        rng.drawWithoutReplacement(permutation, start: cursor, count: batchSize)
        let batch = UnsafeBufferPointer(rebasing: permutation[cursor..<(cursor + batchSize)])
        cursor += batchSize
        return batch
    }

    /// Copies the next batch into `indices` (capacity ≥ B); returns B.
    public func next(into indices: UnsafeMutableBufferPointer<Int>, rng: RandomStream) -> Int {
        let batch = next(rng: rng)
        for j in 0..<batchSize { indices[j] = batch[j] }
        return batchSize
    }
}

/// An impossible minibatch schedule.
public struct ScheduleError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
