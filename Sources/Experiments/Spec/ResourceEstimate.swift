import Foundation
import Models
import Sampling

/// The memory a run will need, item by item, estimated from the spec or the
/// flags before anything is allocated; `check(against:)` refuses a run whose
/// total exceeds the `MemoryBudget`, naming the field behind the largest item.
///
/// Sizes multiply with overflow checks: a product beyond Int.max saturates
/// there (and reads "more than 9.2 EB"), so a hostile size such as
/// `model.inputs: 2^62` is refused instead of trapping. The byte counts per
/// item are in `docs/spec.md` ("Limits"); they are upper estimates within a
/// small factor, not measurements.
public struct ResourceEstimate: Sendable {
    /// One part of the estimate: what is stored, how large, and the spec
    /// field or flag that sets its size.
    public struct Item: Sendable, Equatable {
        public var field: String
        public var what: String
        public var bytes: Int
    }

    public private(set) var items: [Item] = []

    public init() {}

    /// The total, saturating at Int.max.
    public var bytes: Int { items.reduce(0) { Self.sum($0, $1.bytes) } }

    /// Adds an item of `count` values of `bytesEach` bytes.
    public mutating func add(_ field: String, _ what: String, count: Int, bytesEach: Int = 8) {
        items.append(Item(field: field, what: what, bytes: Self.product(count, bytesEach)))
    }

    public mutating func add(_ other: ResourceEstimate) {
        items += other.items
    }

    /// Throws a `SpecError` naming the largest item's field when the total exceeds `budget`.
    public func check(against budget: MemoryBudget = .available()) throws {
        let total = bytes
        guard total > budget.bytes, let largest = items.max(by: { $0.bytes < $1.bytes }) else { return }
        let amount = largest.bytes == Int.max
            ? "more than 9.2 EB of memory (the sizes' product overflows a 64-bit count)"
            : "about \(ByteCount.format(largest.bytes)) of memory"
        let all = total > Self.sum(largest.bytes, largest.bytes / 20) ? " (\(ByteCount.format(total)) for the whole run)" : ""
        throw SpecError(path: largest.field,
                        "\(largest.what) need \(amount)\(all), more than the \(ByteCount.format(budget.bytes)) available (\(budget.source)); reduce it")
    }

    // MARK: Saturating size arithmetic

    /// The product, or Int.max when it overflows (sizes are non-negative).
    public static func product(_ factors: Int...) -> Int { product(factors) }

    public static func product(_ factors: [Int]) -> Int {
        var p = 1
        for f in factors {
            let (r, overflow) = p.multipliedReportingOverflow(by: max(f, 0))
            if overflow { return Int.max }
            p = r
        }
        return p
    }

    /// The sum, or Int.max when it overflows.
    public static func sum(_ terms: Int...) -> Int { sum(terms) }

    public static func sum(_ terms: [Int]) -> Int {
        var s = 0
        for t in terms {
            let (r, overflow) = s.addingReportingOverflow(max(t, 0))
            if overflow { return Int.max }
            s = r
        }
        return s
    }
}

/// The spec fields or flags that set the chain settings, for messages.
public struct SamplerFieldNames: Sendable, Hashable {
    public var chains: String
    public var draws: String
    public var burnIn: String
    public var thin: String

    public init(chains: String, draws: String, burnIn: String, thin: String) {
        self.chains = chains
        self.draws = draws
        self.burnIn = burnIn
        self.thin = thin
    }

    /// `sampler.chains`, … under a spec path such as `sampler` or `checks[0].sampler`.
    public static func spec(_ path: String) -> SamplerFieldNames {
        SamplerFieldNames(chains: "\(path).chains", draws: "\(path).draws", burnIn: "\(path).burnIn", thin: "\(path).thin")
    }

    /// The run's own settings, by field key (`chains`, `draws`, `burnIn`, `thin`);
    /// a command line maps them to its flags.
    public static let settings = SamplerFieldNames(chains: "chains", draws: "draws", burnIn: "burnIn", thin: "thin")
}

extension ResourceEstimate {
    /// Bytes per parameter outside the chains: the truth, the prior's bounds,
    /// w*, a gradient and the parameter's name.
    static let bytesPerParameter = 128
    /// Vectors of length d each running chain holds (position, gradient,
    /// momentum, proposal and its gradient, noise, adaptation state).
    static let vectorsPerChain = 16
    /// Bytes per kept draw: the loss, and the copies diagnostics (rank
    /// normalisation, ESS) and estimators make of the chains' draws.
    static let bytesPerDraw = 32
    /// Memory per byte of a CSV file while it is read: the text, its lines and fields, the values.
    public static let bytesPerCSVByte = 8
    /// Memory per byte of a tensor file while it is read: the bytes, and for a
    /// one-byte integer the Double and the exact Int64 it becomes.
    public static let bytesPerTensorFileByte = 17

    /// Checks that `burnIn + draws·thin` steps per chain, and that count times
    /// `chains` (times `runs` samplings, e.g. rungs or temperatures, named by
    /// `runsField`), fit in a 64-bit integer; throws a `SpecError` naming the field.
    public static func checkStepCount(_ settings: ChainSettings, names: SamplerFieldNames,
                                      runs: Int = 1, runsField: String? = nil) throws {
        let (kept, o1) = settings.draws.multipliedReportingOverflow(by: max(settings.thin, 1))
        let (steps, o2) = kept.addingReportingOverflow(settings.burnIn)
        if o1 || o2 {
            let field = settings.draws >= settings.thin ? names.draws : names.thin
            throw SpecError(path: field, "\(settings.draws) draws × thin \(settings.thin) + burn-in \(settings.burnIn) steps per chain overflow a 64-bit count; reduce it")
        }
        let (perRun, o3) = steps.multipliedReportingOverflow(by: settings.chains)
        if o3 {
            throw SpecError(path: names.chains, "\(settings.chains) chains × \(steps) steps overflow a 64-bit count; reduce it")
        }
        if perRun.multipliedReportingOverflow(by: max(runs, 1)).overflow {
            throw SpecError(path: runsField ?? names.chains, "\(runs) runs × \(settings.chains) chains × \(steps) steps overflow a 64-bit count; reduce it")
        }
    }

    /// The memory of sampling with `settings` a model with `dimension`
    /// parameters and `workspace` scratch values per chain: the kept draws
    /// (and positions, when recorded) of every chain, and the state of the
    /// chains running at once (at most one per core).
    /// The sampler also keeps a permutation of the `sampleCount` sample
    /// indices per running chain (for minibatches; a potential's n counts too).
    public static func sampling(_ settings: ChainSettings, dimension: Int, workspace: Int, modelField: String,
                                sampleCount: Int, sampleField: String, names: SamplerFieldNames,
                                cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> ResourceEstimate {
        var e = ResourceEstimate()
        let draws = product(settings.chains, settings.draws)
        let field = settings.chains > settings.draws ? names.chains : names.draws
        e.add(field, "\(settings.chains) chains × \(settings.draws) draws", count: draws, bytesEach: bytesPerDraw)
        if settings.recordPositions {
            e.add(names.draws, "\(settings.chains) chains × \(settings.draws) draws × \(dimension) parameters (the trace)",
                  count: product(draws, dimension), bytesEach: 16)
        }
        let running = max(1, min(settings.chains, cores))
        e.add(modelField, "\(running) running chains × (\(vectorsPerChain) vectors of \(dimension) parameters + \(workspace) scratch values)",
              count: product(running, sum(product(vectorsPerChain, dimension), workspace)))
        e.add(sampleField, "\(running) running chains × a permutation of \(sampleCount) sample indices",
              count: product(running, sampleCount))
        return e
    }
}

extension ExperimentSpec {
    /// The memory of building this spec's model and data (`build` refuses it
    /// above the budget): the data, the model's sufficient statistics and
    /// per-parameter vectors. A CSV file counts `bytesPerCSVByte` per byte.
    public func resourceEstimate(baseDirectory: URL? = nil) -> ResourceEstimate {
        var e = ResourceEstimate()
        let sizes = model.sizes
        e.add(sizes.field, "\(sizes.parameters == Int.max ? "more than 9.2e18" : "\(sizes.parameters)") parameters",
              count: sizes.parameters, bytesEach: ResourceEstimate.bytesPerParameter)
        if sizes.statistics > 0 {
            e.add(sizes.field, "the sufficient statistics of \(sizes.statisticsWhat)", count: sizes.statistics)
        }
        if let shape = model.shape {
            switch data {
            case let .synthetic(n, _, _, _)?:
                let values = ResourceEstimate.product(n, ResourceEstimate.sum(shape.inputs, shape.outputs))
                e.add("data.n", "\(n) samples × \(shape.inputs) inputs + \(shape.outputs) outputs", count: values)
            case let .csv(file, _, _)?:
                let path = csvPath(file, baseDirectory)
                if let size = try? RegularFile.size(atPath: path) {
                    e.add("data.file", "the CSV file's \(ByteCount.format(size))", count: size, bytesEach: ResourceEstimate.bytesPerCSVByte)
                }
            case let .tensors(t)?:
                let size = t.paths(base: baseDirectory).compactMap { try? RegularFile.size(atPath: $0) }.reduce(0, +)
                e.add("data.file", "the arrays' \(ByteCount.format(size))", count: size, bytesEach: ResourceEstimate.bytesPerTensorFileByte)
            case nil:
                break
            }
        }
        return e
    }

    /// The CSV path resolved against the spec's folder.
    func csvPath(_ file: String, _ base: URL?) -> String {
        file.hasPrefix("/") || base == nil ? file : base!.appendingPathComponent(file).path
    }

    /// Memory checks of every sampler section (`sampler`, each check's
    /// sampler, with and without its `quick` overrides), each on top of the
    /// model and data, and the step counts' overflow checks.
    func checkSamplerResources(base: ResourceEstimate, budget: MemoryBudget) throws {
        var runs: [(SamplerSpec, String, CheckSpec.Quick?, String)] = []
        if let sampler { runs.append((sampler, "sampler", nil, "")) }
        for (i, check) in (checks ?? []).enumerated() {
            let path = check.sampler != nil ? "checks[\(i)].sampler" : "sampler"
            if let s = check.sampler ?? sampler { runs.append((s, path, check.quick, "checks[\(i)].quick")) }
        }
        let sizes = model.sizes
        let sampleCount: (count: Int, field: String)
        switch (model, data) {
        case let (.potential(_, _, n), _): sampleCount = (n, "model.n")
        case let (_, .synthetic(n, _, _, _)?): sampleCount = (n, "data.n")
        default: sampleCount = (0, "data")  // a CSV's rows are bounded by its file size, counted already
        }
        for (spec, path, quick, quickPath) in runs {
            var (_, settings) = try spec.resolved()
            var names = SamplerFieldNames.spec(path)
            for pass in 0..<2 {
                if pass == 1 {
                    guard let quick else { break }
                    settings.chains = quick.chains ?? settings.chains
                    settings.draws = quick.draws ?? settings.draws
                    settings.burnIn = quick.burnIn ?? settings.burnIn
                    if quick.chains != nil { names.chains = "\(quickPath).chains" }
                    if quick.draws != nil { names.draws = "\(quickPath).draws" }
                    if quick.burnIn != nil { names.burnIn = "\(quickPath).burnIn" }
                }
                try ResourceEstimate.checkStepCount(settings, names: names)
                var e = base
                e.add(.sampling(settings, dimension: sizes.parameters, workspace: sizes.workspace, modelField: sizes.field,
                                sampleCount: sampleCount.count, sampleField: sampleCount.field, names: names))
                try e.check(against: budget)
            }
        }
    }
}

extension ExperimentSpec {
    /// Checks, before building, that the model, data and a sampling run with
    /// `settings` fit in `budget` together (and that the step counts do not overflow).
    public func checkResources(sampling settings: ChainSettings, names: SamplerFieldNames = .settings,
                               runs: Int = 1, runsField: String? = nil, baseDirectory: URL? = nil,
                               budget: MemoryBudget = .available()) throws {
        try ResourceEstimate.checkStepCount(settings, names: names, runs: runs, runsField: runsField)
        var e = resourceEstimate(baseDirectory: baseDirectory)
        let sizes = model.sizes
        let sample: (Int, String)
        switch (model, data) {
        case let (.potential(_, _, n), _): sample = (n, "model.n")
        case let (_, .synthetic(n, _, _, _)?): sample = (n, "data.n")
        default: sample = (0, "data")
        }
        e.add(.sampling(settings, dimension: sizes.parameters, workspace: sizes.workspace, modelField: sizes.field,
                        sampleCount: sample.0, sampleField: sample.1, names: names))
        try e.check(against: budget)
    }
}

extension Experiment {
    /// Checks a sampling run of this experiment with `settings` (flags named by
    /// `names`): step counts must not overflow, and the model, data and chains
    /// must fit in `budget`.
    public func checkResources(_ settings: ChainSettings, names: SamplerFieldNames = .settings,
                               runs: Int = 1, runsField: String? = nil, budget: MemoryBudget = .available()) throws {
        try ResourceEstimate.checkStepCount(settings, names: names, runs: runs, runsField: runsField)
        // The model and data exist already (and are not in MemAvailable any more): only the chains count.
        let sizes = spec.model.sizes
        let sampleField: String
        switch spec.model {
        case .potential: sampleField = "model.n"
        default: sampleField = "data.n"
        }
        try ResourceEstimate.sampling(settings, dimension: model.dimension, workspace: sizes.workspace, modelField: sizes.field,
                                      sampleCount: model.sampleCount, sampleField: sampleField, names: names).check(against: budget)
    }
}
