import GSL

/// Minibatches drawn without replacement within an epoch: each epoch is a
/// fresh random permutation of 0..<n (Fisher–Yates from a `RandomStream`),
/// cut into consecutive batches of `batchSize`; the last batch of an epoch
/// holds the n mod B leftover indices when B does not divide n.
public struct MinibatchSchedule: Sendable {
    /// n, the number of samples.
    public let count: Int
    /// B, the batch size (at most n).
    public let batchSize: Int
    /// The number of epochs begun so far (0 before the first batch).
    public private(set) var epochsStarted: Int = 0
    private var permutation: [Int]
    private var position: Int

    /// A schedule over `count` samples; throws unless 1 ≤ batchSize ≤ count.
    public init(count: Int, batchSize: Int) throws {
        guard count > 0 else { throw ScheduleError("the number of samples must be positive, got \(count)") }
        guard batchSize > 0, batchSize <= count else {
            throw ScheduleError("the batch size must be between 1 and n = \(count), got \(batchSize)")
        }
        self.count = count
        self.batchSize = batchSize
        self.permutation = Array(0..<count)
        self.position = count  // the first call starts an epoch
    }

    /// Writes the next batch's indices into `indices` (capacity ≥ batchSize)
    /// and returns how many it wrote. Reshuffles at the start of every epoch.
    /// Allocates nothing.
    public mutating func next(into indices: UnsafeMutableBufferPointer<Int>, rng: RandomStream) -> Int {
        if position >= count {
            permutation.withUnsafeMutableBufferPointer { rng.shuffle($0) }
            epochsStarted += 1
            position = 0
        }
        let take = Swift.min(batchSize, count - position, indices.count)
        let start = position
        permutation.withUnsafeBufferPointer { p in
            for j in 0..<take { indices[j] = p[start + j] }
        }
        position += take
        return take
    }
}

/// An impossible minibatch schedule.
public struct ScheduleError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
