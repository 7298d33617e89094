/// Synchronous code that runs on any model, specialised for its concrete
/// type: a visitor implements `visit` generically and `AnyModel.accept` calls
/// it with the concrete model, so loops never go through an existential
/// (`PointEvaluation` below). Runs that sample chains use the async
/// counterpart, `ModelRun` in Experiments.
public protocol ModelVisitor {
    associatedtype Result
    func visit<M: Model>(_ model: M) throws -> Result
}

/// One of the toolkit's models, as built from an experiment spec.
public enum AnyModel: Sendable {
    case polynomialRegression(PolynomialRegression)
    case potential(Potential)
    case linearRegression(LinearRegression)
    case reducedRankRegression(ReducedRankRegression)
    case deepLinearNetwork(DeepLinearNetwork)
    /// Every network kind (`mlp`, and the `tanhNetwork`/`reluNetwork` presets).
    case mlp(MLP)

    /// Calls `visitor.visit` with the concrete model (one specialisation per case).
    public func accept<V: ModelVisitor>(_ visitor: V) throws -> V.Result {
        switch self {
        case let .polynomialRegression(m): return try visitor.visit(m)
        case let .potential(m): return try visitor.visit(m)
        case let .linearRegression(m): return try visitor.visit(m)
        case let .reducedRankRegression(m): return try visitor.visit(m)
        case let .deepLinearNetwork(m): return try visitor.visit(m)
        case let .mlp(m): return try visitor.visit(m)
        }
    }

    /// The model as an existential, for bookkeeping outside hot loops.
    public var model: any Model {
        switch self {
        case let .polynomialRegression(m): return m
        case let .potential(m): return m
        case let .linearRegression(m): return m
        case let .reducedRankRegression(m): return m
        case let .deepLinearNetwork(m): return m
        case let .mlp(m): return m
        }
    }

    public var dimension: Int { model.dimension }
    public var parameterNames: [String] { model.parameterNames }
    public var sampleCount: Int { model.sampleCount }
    /// Whether the model averages stored samples (`Model.hasPerSampleData`).
    public var hasPerSampleData: Bool { model.hasPerSampleData }
    /// Whether the model is a neural network (`mlp` and its presets): the
    /// kind whose defaults minibatch on large data (`RunConfiguration`).
    public var isNetwork: Bool {
        if case .mlp = self { return true }
        return false
    }
}

/// Full-data loss, gradient and K at one point, for any model (allocates; for reports).
public struct PointEvaluation: ModelVisitor, Sendable {
    public let point: [Double]
    public init(point: [Double]) { self.point = point }

    public struct Result: Sendable, Equatable {
        /// L_n(w).
        public var loss: Double
        /// ∇L_n(w).
        public var gradient: [Double]
        /// K(w) when it has a closed form.
        public var populationLoss: Double?
    }

    public func visit<M: Model>(_ model: M) throws -> Result {
        guard point.count == model.dimension else {
            throw ModelError("the point has \(point.count) coordinates, the model \(model.dimension) parameters")
        }
        var workspace = model.makeWorkspace(maxBatchSize: max(model.sampleCount, 1))
        var g = [Double](repeating: 0, count: model.dimension)
        let loss = point.withUnsafeBufferPointer { w in
            g.withUnsafeMutableBufferPointer { model.lossAndGradient(w, gradient: $0, workspace: &workspace) }
        }
        return Result(loss: loss, gradient: g, populationLoss: model.populationLoss(point))
    }
}
