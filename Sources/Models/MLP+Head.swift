extension MLP {
    /// The likelihood p(y | f(x)) on top of the network's output f.
    public enum Head: Sendable, Hashable {
        /// y = f(x) + ε, ε ~ N(0, σ² I).
        case gaussian(GaussianNoise)
        /// y ∈ {0, …, K−1} with p(y = c) = softmax(f)_c.
        case softmax
        /// y ∈ {0, 1} with p(y = 1) = σ(f), f one unit.
        case logistic
        /// y ∈ {0, …, K−1} with K = d_out + 1 and p(y = c) = softmax(f_0, …,
        /// f_{K−2}, 0)_c: the last class's logit pinned at 0. Adding one
        /// vector to every class's weights leaves `softmax` unchanged (a
        /// direction of zero curvature); pinning a class removes it, so
        /// with no hidden layer the d = (K−1)(d_in + 1) parameters are
        /// identifiable (multinomial logistic regression). K = 2 is the
        /// logistic head with f negated.
        case pinnedSoftmax

        /// The spec's name: `gaussian`, `softmax`, `logistic`.
        public var name: String {
            switch self {
            case .gaussian: return "gaussian"
            case .softmax: return "softmax"
            case .logistic: return "logistic"
            case .pinnedSoftmax: return "pinnedSoftmax"
            }
        }

        /// The names, in documentation order.
        public static let names = ["gaussian", "softmax", "logistic", "pinnedSoftmax"]

        /// Whether y holds a class label.
        public var isClassifier: Bool {
            if case .gaussian = self { return false }
            return true
        }
    }
}
