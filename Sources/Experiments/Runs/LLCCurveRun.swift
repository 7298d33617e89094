import Foundation
import Models

/// The LLC along a training run: one `LLCRun` per checkpoint, each centred at
/// that checkpoint's own weights (moved to a local minimum first when the
/// request's start point asks for it), every checkpoint with the same chain
/// seeds. Checkpoints run concurrently, at most `maxConcurrency` at a time
/// (nil: one per core), each with its chains in parallel inside; every
/// estimate depends only on its checkpoint and the seed, so the curve is the
/// same for any number of threads.
public struct LLCCurveRun: ModelRun, Sendable {
    /// One checkpoint: its training step, its train loss when known, w and where it came from.
    public struct Checkpoint: Sendable {
        public var step: Int
        public var trainLoss: Double?
        public var parameters: [Double]
        public var source: String

        public init(step: Int, trainLoss: Double?, parameters: [Double], source: String) {
            self.step = step
            self.trainLoss = trainLoss
            self.parameters = parameters
            self.source = source
        }
    }

    public var checkpoints: [Checkpoint]
    /// The settings of every estimate; its start point's origin is replaced by each checkpoint's weights.
    public var request: LLCRequest
    public var title: String
    public var maxConcurrency: Int?
    public var progress: (@Sendable (Int) -> Void)?
    public var expectSteps: (@Sendable (Int) -> Void)?

    public init(checkpoints: [Checkpoint], request: LLCRequest, title: String, maxConcurrency: Int? = nil,
                progress: (@Sendable (Int) -> Void)? = nil, expectSteps: (@Sendable (Int) -> Void)? = nil) {
        self.checkpoints = checkpoints
        self.request = request
        self.title = title
        self.maxConcurrency = maxConcurrency
        self.progress = progress
        self.expectSteps = expectSteps
    }

    public func run<M: Model>(on model: M) async throws -> LLCCurve {
        let limit = max(1, maxConcurrency ?? ProcessInfo.processInfo.activeProcessorCount)
        let runs = checkpoints.map { c -> LLCRun in
            var r = request
            r.start = StartPoint(origin: .parameters(c.parameters), minimizer: request.start.minimizer)
            return LLCRun(request: r, title: "\(title), step \(c.step)", progress: progress, expectSteps: expectSteps)
        }
        var reports = [LLCReport?](repeating: nil, count: runs.count)
        try await withThrowingTaskGroup(of: (Int, LLCReport).self) { group in
            var next = 0
            func launch() {
                let k = next, run = runs[k]
                group.addTask { (k, try await run.run(on: model)) }
                next += 1
            }
            while next < min(limit, runs.count) { launch() }
            while let (k, report) = try await group.next() {
                reports[k] = report
                if next < runs.count { launch() }
            }
        }
        let rows = zip(checkpoints, reports).map { c, r in
            LLCCurve.Row(step: c.step, trainLoss: c.trainLoss, source: c.source, report: r!)
        }
        return LLCCurve(title: title, rows: rows)
    }
}
