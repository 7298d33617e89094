import Dispatch
import Foundation

/// The one parallel runner of the toolkit (chains, SGD trajectories, Dynamics'
/// Monte Carlo): runs `count` independent tasks on at most `maxConcurrency`
/// threads and returns their results in task order. Task k must draw only
/// from its own random stream (stream k of the seed), so results do not
/// depend on scheduling or on the number of threads.
public enum Parallel {
    /// `body(0), …, body(count − 1)`, computed concurrently; nil `maxConcurrency` means one thread per core.
    public static func map<T: Sendable>(_ count: Int, maxConcurrency: Int? = nil, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = min(count, max(1, maxConcurrency ?? ProcessInfo.processInfo.activeProcessorCount))
        let slots = Slots<T>(count: count)
        if workers == 1 {
            for k in 0..<count { slots.set(k, body(k)) }
        } else {
            // Each worker takes the next unclaimed task until none is left.
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let k = slots.claim() { slots.set(k, body(k)) }
            }
        }
        return slots.values()
    }

    /// Fixed slots written once each from different threads (slot k only by
    /// task k), in raw storage so no exclusivity check spans the whole array,
    /// and the counter of tasks handed out.
    private final class Slots<T>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<T?>
        private let count: Int
        private var next = 0
        private let lock = NSLock()
        init(count: Int) {
            self.count = count
            base = .allocate(capacity: count)
            base.initialize(repeating: nil, count: count)
        }
        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
        func claim() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
        func set(_ k: Int, _ value: T) { base[k] = value }
        func values() -> [T] { (0..<count).map { base[$0]! } }
    }
}
