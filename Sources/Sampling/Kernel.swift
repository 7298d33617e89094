import GSL
import Models

/// A sampling kernel in the BlackJAX shape: `initialize` makes the kernel's
/// own state at a point, and `step` is one transition of that state that
/// returns what happened (`StepInfo`). Kernels are small immutable values;
/// the state owns contiguous buffers allocated once per chain, and a step
/// allocates nothing.
public protocol Kernel: Sendable {
    /// The kernel's chain state (position plus whatever the kernel carries:
    /// cached potential, momentum, thermostat).
    associatedtype State: KernelState

    /// The sampler this kernel is, with its tuning.
    var configuration: SamplerConfiguration { get }

    /// The state at `initial` (evaluates what the first step needs).
    func initialize<M: Model>(at initial: [Double], potential: PotentialEvaluator<M>, rng: RandomStream) -> State

    /// One transition with step size `stepSize` (which adaptation may change during burn-in).
    func step<M: Model>(_ state: State, potential: PotentialEvaluator<M>, stepSize: Double, rng: RandomStream) -> StepInfo
}

/// What the runner reads from any kernel's state.
public protocol KernelState: AnyObject {
    /// w, the chain's current position.
    var position: UnsafeMutableBufferPointer<Double> { get }
}

extension Kernel {
    /// `sgld`, `mala`, `sgnht`, `hmc`.
    public var name: String { configuration.kind.rawValue }
    /// The step size the chain starts with.
    public var stepSize: Double { configuration.stepSize }
    /// Whether the kernel has a Metropolis–Hastings correction (MALA, HMC).
    public var isMetropolisAdjusted: Bool { configuration.kind.isMetropolisAdjusted }
    /// Whether the kernel may use minibatch gradients (SGLD, SGNHT).
    public var acceptsMinibatches: Bool { !isMetropolisAdjusted }
    /// The acceptance rate step-size adaptation aims at; nil without Metropolis.
    public var targetAcceptance: Double? { configuration.kind.targetAcceptance }
    /// The Langevin ε of an unadjusted Langevin step (SGLD), whose MALA
    /// acceptance probability the runner evaluates as a diagnostic; nil otherwise.
    public var langevinStepSize: Double? { configuration.kind == .sgld ? stepSize : nil }
}

/// A buffer of `count` zeros (at least one element), for kernel states.
@inlinable
func makeBuffer(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
    let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
    buffer.initialize(repeating: 0)
    return buffer
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// Copies `source` into self (same count).
    @inlinable
    func copy(from source: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<count { self[i] = source[i] }
    }
}
