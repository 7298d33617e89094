import ArgumentParser
import Experiments
import Foundation
import Models
import Sampling

/// The model flags every estimator command shares: a spec file, or the
/// `--polynomial` / `--q` shortcuts (see `CommandLineModel`).
struct ModelOptions: ParsableArguments {
    @Option(help: "An experiment spec (JSON, docs/spec.md): any model of the toolkit.")
    var spec: String?

    @Option(name: .customLong("polynomial"), parsing: .unconditional,
            help: "A potential: K(w) is the loss itself, no data (e.g. \"(w1*w2)^2\", or -w^2).")
    var polynomial: String?

    @Option(name: .customLong("q"), parsing: .unconditional, help: "The seeds' regression model y = Q(w)·x + ε on synthetic data; K = Q²/2σ², so λ is that of Q².")
    var q: String?

    @Option(name: .customLong("n"), help: "Data size n for --polynomial/--q (for --polynomial it only sets the temperature nβ).")
    var n: Int = 10_000

    @Option(help: "Prior for --polynomial/--q: uniform:LO,HI (default uniform:-1,1), normal:SIGMA or flat.",
            transform: PriorArgument.init(parsing:))
    var prior: PriorArgument?

    @Option(parsing: .unconditional,
            help: "The point w* as name=value pairs, e.g. w1=0,w2=1 or W1[0,0]=0.5 (default: the spec's truth, else the origin).",
            transform: NamedPoint.init(parsing:))
    var at: NamedPoint?

    @Option(help: ArgumentHelp("The point w* from a weights file (safetensors, .npy or .npz, e.g. a PyTorch state_dict): tensors named as nn.Sequential names them (0.weight, 0.bias, 2.weight, …), else taken in file order; needs --spec (docs/your-network.md).",
                               valueName: "file"))
    var weights: String?

    @Option(help: "--q only: the noise standard deviation σ.")
    var sigma: Double = 1

    func validate() throws {
        if weights != nil {
            guard spec != nil else { throw ValidationError("--weights: needs --spec (the model whose layers the file's tensors fill)") }
            guard at == nil else { throw ValidationError("give --weights or --at, not both") }
        }
        guard n >= 2 else { throw ValidationError("--n: expected an integer ≥ 2, got \(n)") }
        guard sigma > 0, sigma.isFinite else { throw ValidationError("--sigma: expected a positive number, got \(sigma)") }
    }

    /// The model, its data and prior, from --spec or the shortcuts (data from `seed`).
    /// With `sampling`, the run's memory (model, data and chains, `runs` samplings)
    /// is checked before the data are made, and again after.
    func experiment(seed: UInt64, sampling settings: ChainSettings? = nil, runs: Int = 1, runsField: String? = nil) throws -> Experiment {
        let experiment = try build(seed: seed, sampling: settings, runs: runs, runsField: runsField)
        if let settings { try checkResources(experiment, settings, runs: runs, runsField: runsField) }
        return experiment
    }

    private func build(seed: UInt64, sampling settings: ChainSettings?, runs: Int, runsField: String?) throws -> Experiment {
        if let spec {
            guard polynomial == nil, q == nil, prior == nil else {
                throw ValidationError("give --spec or --polynomial/--q/--prior, not both")
            }
            let base = URL(fileURLWithPath: spec).deletingLastPathComponent()
            let loaded = try ExperimentSpec.load(path: spec)
            if let settings { try loaded.checkResources(sampling: settings, runs: runs, runsField: runsField, baseDirectory: base) }
            return try loaded.build(baseDirectory: base)
        }
        try Self.checkChoice(polynomial: polynomial, q: q)
        do {
            let made = try CommandLineModel.spec(polynomial: polynomial, q: q, prior: prior?.text, n: n, seed: seed, sigma: sigma)
            if let settings { try made.checkResources(sampling: settings, runs: runs, runsField: runsField) }
            return try made.build()
        } catch let error as SpecError {
            throw flagError(error)
        }
    }

    /// Exactly one of --polynomial and --q (without --spec).
    static func checkChoice(polynomial: String?, q: String?) throws {
        switch (polynomial, q) {
        case (nil, nil):
            throw ValidationError("give a model: --polynomial \"<K>\" (a potential) or --q \"<Q>\" (the regression y = Q(w)·x + ε)")
        case (_?, _?):
            throw ValidationError("give either --polynomial or --q, not both")
        default:
            break
        }
    }

    /// A spec error renamed to the flag the user typed, not the spec field it
    /// became (run settings are renamed by `FlagNames`).
    func flagError(_ error: SpecError) -> SpecError {
        var error = FlagNames.commandLine(error)
        guard spec == nil else { return error }
        switch error.path {
        case "model.k": error.path = "--polynomial"
        case "model.q": error.path = "--q"
        case "model.n", "data.n", "n": error.path = "--n"
        case "prior": error.path = "--prior"
        default: break
        }
        return error
    }

    /// Refuses a sampling run whose step counts overflow or whose chains would
    /// not fit in memory (`Experiment.checkResources`), naming the flag.
    func checkResources(_ experiment: Experiment, _ settings: ChainSettings, runs: Int = 1, runsField: String? = nil) throws {
        do {
            try experiment.checkResources(settings, runs: runs, runsField: runsField)
        } catch let error as SpecError {
            throw flagError(error)
        }
    }

    /// w*: --at, else the spec's `llc.at` (`specPoint`), else the truth, else the origin.
    func start(for experiment: Experiment, specPoint: [Double]?) throws -> StartPoint {
        .given(try center(for: experiment, specPoint: specPoint))
    }

    /// w* by name, as `start(for:specPoint:)` chooses it.
    func center(for experiment: Experiment, specPoint: [Double]?) throws -> [String: Double] {
        if at == nil, weights == nil, let specPoint {
            let names = experiment.model.parameterNames
            guard specPoint.count == names.count else {
                throw SpecError(path: "llc.at", "expected \(names.count) numbers (one per parameter), got \(specPoint.count)")
            }
            return Dictionary(uniqueKeysWithValues: zip(names, specPoint))
        }
        return try point(for: experiment)
    }

    /// w* by name: --at, else --weights, else the experiment's truth, else empty (the origin).
    func point(for experiment: Experiment) throws -> [String: Double] {
        if let weights {
            let w = try experiment.spec.model.weights(path: weights, map: experiment.spec.truth?.weightsMap, field: "--weights",
                                                      maximumBytes: MemoryBudget.available().bytes)
            return Dictionary(uniqueKeysWithValues: zip(experiment.model.parameterNames, w))
        }
        guard let at else {
            guard let truth = experiment.truth else { return [:] }
            return Dictionary(uniqueKeysWithValues: zip(experiment.model.parameterNames, truth))
        }
        return at.values
    }
}
