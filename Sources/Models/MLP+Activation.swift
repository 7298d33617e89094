import Foundation

extension MLP {
    /// The nonlinearity φ of a hidden layer, a = φ(z), applied elementwise.
    public enum Activation: String, Sendable, Hashable, CaseIterable {
        /// max(z, 0); derivative 1[z > 0] (0 at the kink).
        case relu
        /// tanh z; derivative 1 − a².
        case tanh
        /// The exact GELU z·Φ(z) = (z/2)·erfc(−z/√2) (Hendrycks & Gimpel 2016,
        /// the erf form, not the tanh approximation); derivative Φ(z) + z·φ(z).
        case gelu
        /// 1/(1 + e^(−z)), evaluated without overflow; derivative a(1 − a).
        case sigmoid
        /// z; derivative 1.
        case identity

        /// φ(z).
        @inlinable
        public func value(_ z: Double) -> Double {
            switch self {
            case .relu: return z > 0 ? z : 0
            case .tanh: return Foundation.tanh(z)
            case .gelu: return 0.5 * z * Foundation.erfc(-z * 0.7071067811865476)
            case .sigmoid: return MLP.sigmoid(z)
            case .identity: return z
            }
        }

        /// φ'(z), given z and a = φ(z).
        @inlinable
        public func derivative(_ z: Double, _ a: Double) -> Double {
            switch self {
            case .relu: return z > 0 ? 1 : 0
            case .tanh: return 1 - a * a
            case .gelu:
                // Φ(z) + z φ(z), φ the standard normal density.
                return 0.5 * Foundation.erfc(-z * 0.7071067811865476) + z * 0.3989422804014327 * Foundation.exp(-0.5 * z * z)
            case .sigmoid: return a * (1 - a)
            case .identity: return 1
            }
        }

        /// a_i = φ(z_i) for i < count.
        @inlinable
        func apply(_ z: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>, count: Int) {
            switch self {
            case .relu: for i in 0..<count { a[i] = z[i] > 0 ? z[i] : 0 }
            case .tanh: for i in 0..<count { a[i] = Foundation.tanh(z[i]) }
            case .gelu: for i in 0..<count { a[i] = Activation.gelu.value(z[i]) }
            case .sigmoid: for i in 0..<count { a[i] = MLP.sigmoid(z[i]) }
            case .identity: for i in 0..<count { a[i] = z[i] }
            }
        }

        /// δ_i ← δ_i · φ'(z_i) for i < count (back-propagation through φ).
        @inlinable
        func multiplyDerivative(_ delta: UnsafeMutablePointer<Double>, z: UnsafePointer<Double>, a: UnsafePointer<Double>,
                                count: Int) {
            switch self {
            case .relu:
                // δ where z > 0, else +0.0, by a bit mask: a branch on the
                // sign of z mispredicts half the time.
                for i in 0..<count {
                    let keep: UInt64 = z[i] > 0 ? ~0 : 0
                    delta[i] = Double(bitPattern: delta[i].bitPattern & keep)
                }
            case .tanh: for i in 0..<count { delta[i] *= 1 - a[i] * a[i] }
            case .gelu: for i in 0..<count { delta[i] *= Activation.gelu.derivative(z[i], a[i]) }
            case .sigmoid: for i in 0..<count { delta[i] *= a[i] * (1 - a[i]) }
            case .identity: break
            }
        }
    }

    /// 1/(1 + e^(−z)) without overflow for either sign of z.
    @inlinable
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + Foundation.exp(-z)) }
        let e = Foundation.exp(z)
        return e / (1 + e)
    }

    /// log(1 + e^u) without overflow: max(u, 0) + log1p(e^(−|u|)).
    @inlinable
    static func softplus(_ u: Double) -> Double {
        Swift.max(u, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(u)))
    }
}
