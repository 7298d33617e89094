/// The samplers by the names the CLI and the spec use.
public enum SamplerKind: String, Sendable, Codable, CaseIterable {
    case sgld, mala, sgnht, hmc
}

/// A sampler choice with its tuning: what `--sampler` and the spec's
/// `sampler` section describe.
public struct SamplerConfiguration: Sendable, Codable, Equatable {
    public var kind: SamplerKind
    /// ε for SGLD and MALA (variance of the injected noise); the integration
    /// step h for SGNHT and HMC.
    public var stepSize: Double
    /// HMC: leapfrog steps per proposal.
    public var leapfrogSteps: Int
    /// SGNHT: the diffusion A.
    public var diffusion: Double

    public init(kind: SamplerKind, stepSize: Double, leapfrogSteps: Int = 10, diffusion: Double = 1) {
        self.kind = kind
        self.stepSize = stepSize
        self.leapfrogSteps = leapfrogSteps
        self.diffusion = diffusion
    }

    /// Hands the concrete kernel to `visitor`, so the chains it runs are
    /// specialised on the kernel type (no existential in the hot loop).
    public func accept<V: KernelVisitor>(_ visitor: V) async throws -> V.Output {
        switch kind {
        case .sgld: return try await visitor.visit(SGLD(stepSize: stepSize))
        case .mala: return try await visitor.visit(MALA(stepSize: stepSize))
        case .sgnht: return try await visitor.visit(SGNHT(stepSize: stepSize, diffusion: diffusion))
        case .hmc: return try await visitor.visit(HMC(stepSize: stepSize, leapfrogSteps: leapfrogSteps))
        }
    }
}

/// Something to do with a concrete kernel (Swift has no generic closures).
public protocol KernelVisitor {
    associatedtype Output
    func visit<K: Kernel>(_ kernel: K) async throws -> Output
}

extension SamplerKind {
    /// The default step size: ε = 1e-4 for the Langevin samplers (SGLD, MALA),
    /// h = 0.01 ≈ √ε for the Hamiltonian ones (SGNHT, HMC).
    public var defaultStepSize: Double {
        switch self {
        case .sgld, .mala: return 1e-4
        case .sgnht, .hmc: return 1e-2
        }
    }
}
