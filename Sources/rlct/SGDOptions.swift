import ArgumentParser
import Dynamics

/// The SGD flags, declared once: the default model Q = (w+w0)^d1 (w−w0)^d2,
/// the optimiser and the ensemble. `rlct sgd` and `rlct sgd-sweep` include them.
struct SGDOptions: ParsableArguments {
    @Option(help: "w0 of the default Q = (w+w0)^d1 (w−w0)^d2.") var w0 = 1.6
    @Option(help: "d1 of the default Q.") var d1 = 1
    @Option(help: "d2 of the default Q.") var d2 = 2
    @Option(help: "Learning rate η (the (1/2B) Σ convention).") var lr = 0.01
    @Option(help: "Batch size B.") var batch = 32
    @Option(help: "Momentum μ (0: plain SGD).") var momentum = 0.0
    @Option(help: "Number of trajectories.") var trajectories = 10_000
    @Option(help: "SGD steps per trajectory.") var steps = 500
    @Option(help: "Dataset size n (default steps·batch; 0 = fresh samples every step).") var samples: Int?
    @Option(help: "Random seed; trajectory k uses stream k.") var seed: UInt64 = 1
    @Option(help: "Independent replicates R (1-D), each with a fresh dataset and fresh trajectories; errors over replicates are sd/√R.")
    var replicates = 5

    func validate() throws {
        if let s = samples, s < 0 { throw DynamicsError(field: "samples", "expected n ≥ 0, got \(s)") }
        if replicates < 1 || replicates > 1000 { throw DynamicsError(field: "replicates", "expected 1 to 1000, got \(replicates)") }
    }
}
