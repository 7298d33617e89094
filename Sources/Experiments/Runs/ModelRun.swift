import Models

/// Like `ModelVisitor`, for work that runs chains concurrently (LLC,
/// calibration, free energies): called with the concrete model type, so the
/// samplers' hot loops are specialised.
public protocol AsyncModelVisitor {
    associatedtype Output
    func visit<M: Model>(_ model: M) async throws -> Output
}

extension AnyModel {
    /// Calls `visitor.visit` with the concrete model.
    public func accept<V: AsyncModelVisitor>(_ visitor: V) async throws -> V.Output {
        switch self {
        case let .polynomialRegression(m): return try await visitor.visit(m)
        case let .potential(m): return try await visitor.visit(m)
        case let .linearRegression(m): return try await visitor.visit(m)
        case let .reducedRankRegression(m): return try await visitor.visit(m)
        case let .deepLinearNetwork(m): return try await visitor.visit(m)
        case let .tanhNetwork(m): return try await visitor.visit(m)
        case let .reluNetwork(m): return try await visitor.visit(m)
        }
    }
}

extension Experiment {
    /// A one-line description for report titles.
    public var summary: String {
        switch model {
        case .potential(let m): return "potential K = \(m.k)"
        case .polynomialRegression(let m): return "regression y = Q(w)·x + ε, Q = \(m.q)"
        default: return "\(spec.model.kind) (d = \(model.dimension))"
        }
    }
}
