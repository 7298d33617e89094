import Dispatch

/// Runs independent tasks on all cores and returns their results in task
/// order. Task k must draw only from its own random stream, so results do not
/// depend on scheduling or the number of threads.
enum Parallel {
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            slots.set(k, body(k))
        }
        return slots.values()
    }

    /// Fixed slots written once each from different threads (slot k only by
    /// task k), in raw storage so no exclusivity check spans the whole array.
    private final class Slots<T>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<T?>
        private let count: Int
        init(count: Int) {
            self.count = count
            base = .allocate(capacity: count)
            base.initialize(repeating: nil, count: count)
        }
        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
        func set(_ k: Int, _ value: T) { base[k] = value }
        func values() -> [T] { (0..<count).map { base[$0]! } }
    }
}
