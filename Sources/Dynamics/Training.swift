import GSL
import Models

/// Training a model's parameters by minibatch SGD or Adam on its own data
/// (any `Model` with per-sample data: the MLP, deep linear networks,
/// reduced-rank regression, …), with checkpoints at steps 0, K, 2K, … and
/// the last step.
///
/// Step t draws a batch of B indices from the samplers' scheme
/// (`MinibatchSchedule`: lazy Fisher–Yates, without replacement within an
/// epoch) on stream 1 of `seed`, takes the batch loss and gradient
/// (`batchLossAndGradient`) and updates w with the optimizer. The caller
/// chooses w₀ (for an MLP, `MLP.pytorchInitialization` on stream 0 of the
/// seed). Deterministic for a seed; the loop allocates nothing per step.
///
///     let training = Training(steps: 2000, learningRate: 1e-3, method: .adam, batchSize: 64, checkpointEvery: 200, seed: 1)
///     try training.run(mlp, from: w0) { checkpoint in … }
public struct Training: Sendable {
    public enum Method: String, Sendable, CaseIterable, Codable {
        case sgd, adam
    }

    public var steps: Int
    /// η.
    public var learningRate: Double
    public var method: Method
    /// μ of SGD (0: none); Adam ignores it.
    public var momentum: Double
    /// B, at most n.
    public var batchSize: Int
    /// K: a checkpoint every K steps (and at step 0 and the last step).
    public var checkpointEvery: Int
    public var seed: UInt64

    public init(steps: Int, learningRate: Double, method: Method = .sgd, momentum: Double = 0, batchSize: Int,
                checkpointEvery: Int, seed: UInt64) {
        self.steps = steps
        self.learningRate = learningRate
        self.method = method
        self.momentum = momentum
        self.batchSize = batchSize
        self.checkpointEvery = checkpointEvery
        self.seed = seed
    }

    /// The parameters at one checkpoint.
    public struct Checkpoint: Sendable {
        public var step: Int
        public var parameters: [Double]
        /// L_n(w) on the full data.
        public var loss: Double
        /// The mean minibatch loss over the steps since the previous checkpoint (nil at step 0).
        public var runningLoss: Double?
        /// ‖w‖, the Euclidean norm of all parameters at this step.
        public var weightNorm: Double
    }

    /// ‖w‖ = √(Σ w_i²).
    public static func norm(_ w: [Double]) -> Double { w.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// √(E‖w‖²) at PyTorch's default nn.Linear initialisation of a network with
    /// layer widths H_0, …, H_L: every weight and bias of layer l is uniform on
    /// ±1/√H_{l−1}, variance σ_l² = 1/(3 H_{l−1}), so E‖w‖² = Σ_l D_l σ_l² with
    /// D_l = H_{l−1}H_l + H_l (seed 000's √D σ, layer by layer).
    public static func initializationNorm(widths: [Int]) -> Double {
        var s = 0.0
        for l in 1..<max(widths.count, 1) {
            let d = Double(widths[l - 1] * widths[l] + widths[l])
            s += d / (3 * Double(widths[l - 1]))
        }
        return s.squareRoot()
    }

    /// The checkpoint steps 0, K, 2K, …, and `steps`.
    public var checkpointSteps: [Int] {
        var s = Array(stride(from: 0, through: steps, by: max(checkpointEvery, 1)))
        if s.last != steps { s.append(steps) }
        return s
    }

    /// Throws `DynamicsError` keyed by field (`steps`, `lr`, `momentum`, `batch`, `checkpointEvery`).
    public func validate(sampleCount n: Int) throws {
        try DynamicsError.require(steps >= 1, "steps", "need at least 1 step, got \(steps)")
        try DynamicsError.require(learningRate > 0 && learningRate.isFinite, "lr", "expected a positive learning rate, got \(learningRate)")
        try DynamicsError.require(momentum >= 0 && momentum < 1, "momentum", "expected 0 ≤ μ < 1, got \(momentum)")
        try DynamicsError.require(n >= 1, "batch", "the model has no data to train on")
        try DynamicsError.require(batchSize >= 1 && batchSize <= n, "batch", "expected a batch size between 1 and n = \(n), got \(batchSize)")
        try DynamicsError.require(checkpointEvery >= 1, "checkpointEvery", "expected a positive number of steps, got \(checkpointEvery)")
    }

    /// Trains `model` from `initial`, calling `checkpoint` at every checkpoint step
    /// (in order) and `progress` with the steps done since its last call.
    /// Throws `DynamicsError` (field `lr`) when the loss or the parameters turn non-finite.
    @discardableResult
    public func run<M: Model>(_ model: M, from initial: [Double], progress: ((Int) -> Void)? = nil,
                              checkpoint: (Checkpoint) throws -> Void) throws -> [Double] {
        try validate(sampleCount: model.hasPerSampleData ? model.sampleCount : 0)
        try DynamicsError.require(initial.count == model.dimension, "initial",
                                  "expected \(model.dimension) parameters, got \(initial.count)")
        let schedule = try MinibatchSchedule(count: model.sampleCount, batchSize: batchSize)
        let rng = RandomStream(seed: seed, stream: 1)
        var workspace = model.makeWorkspace(maxBatchSize: batchSize)
        var w = initial
        var g = [Double](repeating: 0, count: model.dimension)
        var sgd = SGDOptimizer(dimension: method == .sgd ? model.dimension : 0, learningRate: learningRate, momentum: momentum)
        var adam = AdamOptimizer(dimension: method == .adam ? model.dimension : 0, learningRate: learningRate)
        let method = self.method

        func fullLoss() -> Double { w.withUnsafeBufferPointer { model.loss($0, workspace: &workspace) } }
        let first = fullLoss()
        guard first.isFinite else { throw DynamicsError(field: "initial", "the loss at the initial parameters is \(first)") }
        try checkpoint(Checkpoint(step: 0, parameters: w, loss: first, runningLoss: nil, weightNorm: Self.norm(w)))
        var sum = 0.0, count = 0, reported = 0
        let every = checkpointEvery
        for t in 1...steps {
            let batch = schedule.next(rng: rng)
            let l = w.withUnsafeBufferPointer { wp in
                g.withUnsafeMutableBufferPointer { model.batchLossAndGradient(wp, batch: batch, gradient: $0, workspace: &workspace) }
            }
            guard l.isFinite else {
                throw DynamicsError(field: "lr", "training diverged at step \(t) (minibatch loss \(l)); lower the learning rate")
            }
            sum += l
            count += 1
            w.withUnsafeMutableBufferPointer { wp in
                g.withUnsafeBufferPointer { gp in
                    switch method {
                    case .sgd: sgd.step(wp, gradient: gp)
                    case .adam: adam.step(wp, gradient: gp)
                    }
                }
            }
            if t % every == 0 || t == steps {
                let full = fullLoss()
                guard full.isFinite else {
                    throw DynamicsError(field: "lr", "training diverged by step \(t) (loss \(full)); lower the learning rate")
                }
                try checkpoint(Checkpoint(step: t, parameters: w, loss: full, runningLoss: sum / Double(count), weightNorm: Self.norm(w)))
                sum = 0
                count = 0
            }
            if let progress, t % 64 == 0 || t == steps {
                progress(t - reported)
                reported = t
            }
        }
        return w
    }
}
