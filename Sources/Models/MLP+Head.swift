extension MLP {
    /// The likelihood p(y | f(x)) on top of the network's output f.
    public enum Head: Sendable, Hashable {
        /// y = f(x) + ε, ε ~ N(0, σ² I).
        case gaussian(GaussianNoise)
        /// y ∈ {0, …, K−1} with p(y = c) = softmax(f)_c.
        case softmax
        /// y ∈ {0, 1} with p(y = 1) = σ(f), f one unit.
        case logistic

        /// The spec's name: `gaussian`, `softmax`, `logistic`.
        public var name: String {
            switch self {
            case .gaussian: return "gaussian"
            case .softmax: return "softmax"
            case .logistic: return "logistic"
            }
        }

        /// The names, in documentation order.
        public static let names = ["gaussian", "softmax", "logistic"]

        /// Whether y holds a class label.
        public var isClassifier: Bool {
            if case .gaussian = self { return false }
            return true
        }
    }
}
