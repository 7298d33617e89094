import ArgumentParser
import DistributedJobs
import Experiments
import Foundation
import GSL
import Models
import Reports

/// The families `rlct select` ranks.
enum SelectionModel: String, CaseIterable, ExpressibleByArgument {
    case rrr, dln
}

/// `rlct select`: BIC, sBIC, WBIC and the exact F_n over nested candidates,
/// on one dataset or (`--simulate R`) over R replicate datasets per n.
struct SelectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Model selection for singular models: BIC, sBIC (Drton & Plummer 2017), WBIC and the exact F_n over candidates of rank 0 … H.",
        discussion: """
        Candidates: --model rrr, reduced rank regression y = BAx + ε (A: h×M, B: N×h) for h = 0 … --max-rank; \
        --model dln, deep linear networks with --layers weight matrices and hidden widths h. Every candidate is fitted \
        by reduced-rank least squares (GSL), σ known (--sigma). λ of each pair (truth of rank j, candidate of rank i ≥ j) \
        comes from Aoyagi & Watanabe (2005) or Aoyagi (2024) (`rlct analytic`), and sBIC solves Drton & Plummer's \
        equations for L'(M_i) (uniform model prior) in log space. All criteria are estimates of F_n (lower is better): \
        BIC = −ℓ̂ + (dim/2) log n, sBIC = −log L'(M), WBIC = E^β[n L_n] at β = 1/log n (MALA by default, --prior), \
        F_n by quadrature where the candidate has d ≤ 3.

        Data: --spec FILE (the data section of a reducedRankRegression, deepLinearNetwork or linearRegression spec: \
        synthetic, csv, npy or npz), --csv FILE with --x-columns and --y-columns, or synthetic from a random map of \
        rank --true-rank with --singular-values (default (r:1)/r + 1/r, the sBIC package's vignette), x ~ N(0, I), --n samples.

        --simulate R: R replicate datasets at each of --sample-sizes; replicate k draws its map and data from stream k \
        of --seed. Prints how often each criterion selects each rank, and the frequency of the true rank.

        Exit codes: 0 ok, 1 a WBIC chain diverged, 2 bad input.

        Examples:
          rlct select --model rrr --input 4 --output 3 --max-rank 3 --true-rank 1 --n 200 --criteria bic,sbic
          rlct select --model rrr --input 1 --output 1 --max-rank 1 --true-rank 1 --n 100 --draws 500
          rlct select --model dln --layers 3 --input 4 --output 4 --max-rank 4 --true-rank 2 --n 500 --criteria bic,sbic --json
          rlct select --model rrr --input 15 --output 10 --max-rank 10 --true-rank 5 --simulate 20 --sample-sizes 50,100,200
        """
    )

    @Option(help: "The family: rrr (reduced rank regression) or dln (deep linear network).")
    var model: SelectionModel = .rrr

    @Option(help: "M, the number of inputs (covariates).")
    var input: Int?

    @Option(help: "N, the number of outputs (responses).")
    var output: Int?

    @Option(name: .customLong("max-rank"), help: "H: the candidates have ranks 0 … H (H ≤ min(M, N)). Default min(M, N).")
    var maxRank: Int?

    @Option(help: "dln: the number of weight matrices L (L − 1 hidden layers of width h). Default 3.")
    var layers: Int = 3

    @Option(name: .customLong("true-rank"), help: "Synthetic data: the rank r of the true map.")
    var trueRank: Int?

    @Option(name: .customLong("singular-values"), help: "Synthetic data: the true map's r singular values. Default (r:1)/r + 1/r.",
            transform: NumberList.init(parsing:))
    var singularValues: NumberList?

    @Option(name: .customLong("n"), help: "Synthetic data: the sample size. Default 100.")
    var n: Int?

    @Option(help: "The noise standard deviation σ (known to every candidate; also of synthetic data).")
    var sigma: Double = 1

    @Option(help: "Data: an experiment spec whose data section is read (docs/spec.md).")
    var spec: String?

    @Option(help: "Data: a CSV file with a header line (needs --x-columns and --y-columns).")
    var csv: String?

    @Option(name: .customLong("x-columns"), help: "--csv: the input columns, comma-separated.")
    var xColumns: String?

    @Option(name: .customLong("y-columns"), help: "--csv: the output columns, comma-separated.")
    var yColumns: String?

    @Option(help: "Criteria, comma-separated, of bic, sbic, wbic, exact. Default bic,sbic,wbic,exact; with --simulate bic,sbic.")
    var criteria: String?

    @Option(help: "WBIC and exact F_n: the prior, uniform:LO,HI, normal:SIGMA. Default uniform:-2,2.",
            transform: PriorArgument.init(parsing:))
    var prior: PriorArgument?

    @Option(help: "R replicate datasets per sample size from the true map of --true-rank: selection frequencies.")
    var simulate: Int?

    @Option(name: .customLong("sample-sizes"), help: "--simulate: the sample sizes. Default 50,100,200,300,500,1000.",
            transform: IntegerList.init(parsing:))
    var sampleSizes: IntegerList?

    @OptionGroup(title: "WBIC sampler (--seed also draws synthetic data)") var samplerOptions: SamplerOptions

    @Flag(help: "Print the result as JSON.") var json = false

    @Option(help: "Write an SVG of the criteria against the candidate rank (with --simulate: the true rank's frequency against n) to FILE.",
            transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Flag(help: "No progress line.") var quiet = false

    func validate() throws {
        if samplerOptions.localization != nil { throw ValidationError("--localization: select samples each candidate's whole posterior, where a localization does not apply") }
        if samplerOptions.nbeta != nil { throw ValidationError("--nbeta: WBIC's temperature is nβ = n / log n") }
        guard sigma > 0, sigma.isFinite else { throw ValidationError("--sigma: expected a positive number, got \(sigma)") }
        if spec != nil && csv != nil { throw ValidationError("give --spec or --csv, not both") }
        if spec == nil && csv == nil && trueRank == nil { throw ValidationError("give data: --spec FILE, --csv FILE, or --true-rank R for synthetic data") }
        if csv != nil, xColumns == nil || yColumns == nil { throw ValidationError("--csv: needs --x-columns and --y-columns") }
        if csv == nil, xColumns != nil || yColumns != nil { throw ValidationError("--x-columns/--y-columns: only with --csv") }
        if spec != nil || csv != nil {
            if trueRank != nil { throw ValidationError("--true-rank: only for synthetic data (not with --spec or --csv)") }
            if singularValues != nil || n != nil { throw ValidationError("--singular-values/--n: only for synthetic data (not with --spec or --csv)") }
        }
        if let simulate {
            guard simulate >= 1 else { throw ValidationError("--simulate: expected at least 1 replicate, got \(simulate)") }
            guard spec == nil, csv == nil, trueRank != nil else { throw ValidationError("--simulate: draws synthetic data; give --true-rank (not --spec or --csv)") }
            if n != nil { throw ValidationError("--n: with --simulate give --sample-sizes") }
        } else if sampleSizes != nil {
            throw ValidationError("--sample-sizes: only with --simulate (use --n)")
        }
        if let n, n < 1 { throw ValidationError("--n: expected a positive sample size, got \(n)") }
        if let trueRank, trueRank < 0 { throw ValidationError("--true-rank: expected a rank ≥ 0, got \(trueRank)") }
        if let sizes = sampleSizes?.values, let bad = sizes.first(where: { $0 < 1 }) {
            throw ValidationError("--sample-sizes: expected positive sample sizes, got \(bad)")
        }
        if case .flat? = prior?.spec { throw ValidationError("--prior: WBIC and F_n need a proper prior (uniform:LO,HI or normal:SIGMA)") }
    }

    func run() async throws {
        do {
            try await select()
        } catch let error as SpecError {
            throw SelectCommand.flagError(error)
        }
    }

    /// The family from the flags, or from the data's sizes.
    func makeFamily(inputs: Int, outputs: Int) throws -> SelectionFamily {
        let h = maxRank ?? min(inputs, outputs)
        let f: SelectionFamily = model == .rrr ? .reducedRank(inputs: inputs, outputs: outputs, maxRank: h)
            : .deepLinear(inputs: inputs, outputs: outputs, layers: layers, maxRank: h)
        try f.validate()
        return f
    }

    func select() async throws {
        let seed = samplerOptions.seed
        let chosen = try criteria.map(SelectionCriterion.list) ?? (simulate == nil ? [.bic, .sbic, .wbic, .exact] : [.bic, .sbic])
        var data: Dataset?
        if let spec {
            data = try SelectionData.spec(path: spec)
        } else if let csv, let xColumns, let yColumns {
            data = try SelectionData.csv(path: csv, inputs: xColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                                         outputs: yColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        guard let inputs = input ?? data?.inputDimension else { throw SpecError(path: "inputs", "give --input M (the number of inputs)") }
        guard let outputs = output ?? data?.outputDimension else { throw SpecError(path: "outputs", "give --output N (the number of outputs)") }
        let family = try makeFamily(inputs: inputs, outputs: outputs)
        var truth: ReducedRankTruth?
        if let r = trueRank {
            guard r <= min(inputs, outputs) else {
                throw SpecError(path: "trueRank", "expected a rank ≤ min(inputs, outputs) = \(min(inputs, outputs)), got \(r)")
            }
            let values = singularValues?.values ?? ReducedRankTruth.vignetteSingularValues(rank: r)
            guard values.count == r else {
                throw SpecError(path: "singularValues", "expected \(r) values (one per rank of the true map), got \(values.count)")
            }
            truth = try ReducedRankTruth(inputs: inputs, outputs: outputs, singularValues: values, sigma: sigma)
        }
        if data == nil, simulate == nil, let truth {
            data = try truth.draw(count: n ?? 100, stream: RandomStream(seed: seed, stream: 0)).data
        }

        // WBIC's sampler settings, resolved on the largest candidate.
        var selection = ModelSelection(family: family, sigma: sigma, criteria: chosen, prior: prior?.spec ?? .uniform(lower: [-2], upper: [2]))
        var provenance: [ResolvedSetting] = [
            ResolvedSetting(name: "criteria", value: chosen.map(\.rawValue).joined(separator: ","), source: criteria == nil ? .default : .flag),
            ResolvedSetting(name: "prior", value: prior?.text ?? "uniform:-2,2", source: prior == nil ? .default : .flag,
                            note: prior == nil ? "WBIC and exact F_n" : nil),
        ]
        if chosen.contains(.wbic) {
            let sizeForTemperature = data?.count ?? sampleSizes?.values.max() ?? 1000
            let largest = max(family.maxRank, 1)
            guard let probeData = try data ?? truth?.draw(count: max(sizeForTemperature, max(inputs, outputs)), stream: RandomStream(seed: seed, stream: 0)).data else {
                throw SpecError(path: "data", "no data")
            }
            let probe = try Models.DeepLinearNetwork(widths: family.widths(rank: largest), sigma: sigma, data: probeData)
            var configuration = try RunConfiguration.resolve(for: .wbic, spec: nil, flags: samplerOptions.overrides, model: .deepLinearNetwork(probe))
            let nn = Double(max(probeData.count, 3))
            let (sampler, settings) = try configuration.wholePosterior(nbeta: nn / log(nn), estimator: .wbic)
            selection.sampler = sampler
            selection.settings = settings
            if case .auto = configuration.stepSize { selection.autoStepSize = true }
            provenance += configuration.provenance
        }

        if let replicates = simulate, let truth {
            let simulation = try SelectionSimulation(selection: selection, truth: truth,
                                                     sampleSizes: sampleSizes?.values ?? [50, 100, 200, 300, 500, 1000],
                                                     replicates: replicates, seed: seed)
            let started = ContinuousClock.now
            // Replicates as jobs: one per core without WBIC (its chains are parallel), over the ranks under mpirun
            // (docs/cluster.md); a worker rank prints nothing.
            let queue = try Cluster.queue(concurrency: chosen.contains(.wbic) ? 1 : ProcessInfo.processInfo.activeProcessorCount)
            guard let r = try await queue.run(simulation, quiet: quiet || json) else { return }
            if json {
                print(try JSONOutput.string(ResultJSON(r, version: RLCTVersion.string, configuration: provenance,
                                                       seconds: started.duration(to: .now).seconds)), terminator: "")
            } else {
                print(r.renderText(), terminator: "")
            }
            if let plot { try r.plot().write(to: plot) }
            return
        }

        guard let data else { throw SpecError(path: "data", "no data") }
        let progress = ProgressLine("select", total: family.candidates.count, quiet: quiet || json || !(chosen.contains(.wbic) || chosen.contains(.exact)))
        let started = ContinuousClock.now
        let r = try await selection.run(data: data, progress: { progress.advance(by: $0) })
        progress.finish()
        if json {
            print(try JSONOutput.string(ResultJSON(r, version: RLCTVersion.string, configuration: provenance,
                                                   seconds: started.duration(to: .now).seconds)), terminator: "")
        } else {
            if chosen.contains(.wbic) { print(provenance.settingsText()) }
            print("data: \(data.source)")
            print(r.renderText(), terminator: "")
        }
        if let plot { try r.plot().write(to: plot) }
        let diverged = r.rows.reduce(0) { $0 + ($1.divergences ?? 0) }
        if diverged > 0 {
            FileHandle.standardError.write(Data("error: \(diverged) WBIC chain(s) diverged\n".utf8))
            throw ExitCode(1)
        }
    }

    /// A library error keyed by a setting, spelled as the flag.
    static func flagError(_ error: SpecError) -> SpecError {
        guard let flag = FlagNames.selectSettings[error.path] else { return FlagNames.commandLine(error) }
        var error = error
        error.path = flag
        return error
    }
}
