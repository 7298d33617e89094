import ArgumentParser
import DistributedJobs
import Experiments
import Foundation
import GSL
import Models
import Reports

/// The families `rlct select` ranks.
enum SelectionModel: String, CaseIterable, ExpressibleByArgument {
    case rrr, dln, tanh
}

/// `rlct select`: BIC, sBIC, WBIC and the exact F_n over nested candidates,
/// on one dataset or (`--simulate R`) over R replicate datasets per n.
struct SelectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Model selection for singular models: BIC, sBIC (Drton & Plummer 2017), WBIC and the exact F_n over nested candidates (ranks, tanh units, polynomial specs).",
        discussion: """
        Candidates: --model rrr, reduced rank regression y = BAx + ε (A: h×M, B: N×h) for h = 0 … --max-rank; \
        --model dln, deep linear networks with --layers weight matrices and hidden widths h. Every candidate is fitted \
        by reduced-rank least squares (GSL), σ known (--sigma). λ of each pair (truth of rank j, candidate of rank i ≥ j) \
        comes from Aoyagi & Watanabe (2005) or Aoyagi (2024) (`rlct analytic`), and sBIC solves Drton & Plummer's \
        equations for L'(M_i) (uniform model prior) in log space. All criteria are estimates of F_n (lower is better): \
        BIC = −ℓ̂ + (dim/2) log n, sBIC = −log L'(M), WBIC = E^β[n L_n] at β = 1/log n (MALA by default, --prior), \
        F_n by quadrature where the candidate has d ≤ 3.

        --model tanh: y = Σ_{h≤H} b_h tanh(a_h x) + ε, H = 0 … --max-hidden, fitted by multistart Levenberg–Marquardt \
        (--starts random starts per H plus the (H−1)-unit optimum, seeded by --seed). λ from Aoyagi & Watanabe (2005) \
        for a zero truth, regular (λ = H) for a truth with all H units; for 0 < H0 < H only the upper bound \
        H0 + λ_0(H − H0) is known, and sBIC uses it (m = 1): the output's λ_ij table marks it ≤. WBIC samples the network \
        (`tanhNetwork` layout a_1 … a_H, b_1 … b_H) from the fitted optimum; F_n by quadrature for H = 1.

        --candidates A.json,B.json,…: polynomialRegression specs (y = Q(w)·x + ε), a chain in the order given (smallest \
        first; nesting is not inferred). λ_ij is Analytic's value of Q_i at spec j's truth; the fit projects the \
        least-squares slope onto Q_i's image over the prior's support. Data: the first spec's unless --data, --csv or --spec. \
        WBIC and F_n (≤ 3 variables) use each spec's own uniform prior box (else --prior), starting at its fitted w.

        Data: --data FILE (CSV with a header: the input columns, then the output columns; .npy: one array [n, M + N] in \
        that order; .npz: arrays x [n, M] and y [n, N]), --spec FILE (the data section of a reducedRankRegression, \
        deepLinearNetwork, linearRegression or polynomialRegression spec: synthetic, csv, npy or npz), --csv FILE with \
        --x-columns and --y-columns, or synthetic: from a random map of rank --true-rank with --singular-values (default \
        (r:1)/r + 1/r, the sBIC package's vignette), x ~ N(0, I); for tanh from the network with --true-hidden units \
        (a_j = 1 + j, b_j = 1), x ~ U[−2, 2]; --n samples, noise --sigma.

        --simulate R: R replicate datasets at each of --sample-sizes; replicate k draws its map and data from stream k \
        of --seed. Prints how often each criterion selects each rank, and the frequency of the true rank.

        Exit codes: 0 ok, 1 a WBIC chain diverged, 2 bad input.

        Examples:
          rlct select --model rrr --input 4 --output 3 --max-rank 3 --true-rank 1 --n 200 --criteria bic,sbic
          rlct select --model rrr --input 1 --output 1 --max-rank 1 --true-rank 1 --n 100 --draws 500
          rlct select --model dln --layers 3 --input 4 --output 4 --max-rank 4 --true-rank 2 --n 500 --criteria bic,sbic --json
          rlct select --model rrr --input 15 --output 10 --max-rank 10 --true-rank 5 --simulate 20 --sample-sizes 50,100,200
          rlct select --model tanh --max-hidden 4 --true-hidden 2 --n 2000 --sigma 0.1 --criteria bic,sbic
          rlct select --model tanh --max-hidden 2 --true-hidden 1 --n 200
          rlct select --candidates Fixtures/regression/regression-q-w-2.json,Fixtures/regression/regression-q-w.json,Fixtures/regression/regression-q-w1-w2.json --criteria bic,sbic
          rlct select --data Examples/data/iris.csv --input 2 --output 2 --criteria bic,sbic
          rlct select --data Examples/data/iris.npz --criteria bic,sbic
        """
    )

    @Option(help: "The family: rrr (reduced rank regression), dln (deep linear network) or tanh (one-hidden-layer tanh network). Default rrr.")
    var model: SelectionModel?

    @Option(name: .customLong("max-hidden"), help: "tanh: the candidates have H = 0 … this many hidden units.")
    var maxHidden: Int?

    @Option(name: .customLong("true-hidden"), help: "tanh, synthetic data: the true network's number of active units H0.")
    var trueHidden: Int?

    @Option(help: "Candidates: polynomialRegression spec files, comma-separated, smallest model first.")
    var candidates: String?

    @Option(help: "tanh and --candidates: random starts of the fit per candidate (seeded by --seed). Default 16.")
    var starts: Int?

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

    @Option(help: "The noise standard deviation σ (known to every candidate; also of synthetic data). Default 1; with --candidates the specs' σ.")
    var sigma: Double?

    @Option(help: "Data: an experiment spec whose data section is read (docs/spec.md).")
    var spec: String?

    @Option(help: "Data: a CSV file (header; input columns, then output columns), a .npy array [n, M + N] or a .npz with arrays x and y.")
    var data: String?

    @Option(help: "Data: a CSV file with a header line (needs --x-columns and --y-columns).")
    var csv: String?

    @Option(name: .customLong("x-columns"), help: "--csv: the input columns, comma-separated.")
    var xColumns: String?

    @Option(name: .customLong("y-columns"), help: "--csv: the output columns, comma-separated.")
    var yColumns: String?

    @Option(help: "Criteria, comma-separated, of bic, sbic, wbic, exact. Default bic,sbic,wbic,exact; with --simulate bic,sbic.")
    var criteria: String?

    @Option(help: "WBIC and exact F_n: the prior, uniform:LO,HI, normal:SIGMA. Default uniform:-2,2 (--candidates: a spec's own uniform box first).",
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
        if let sigma, !(sigma > 0 && sigma.isFinite) { throw ValidationError("--sigma: expected a positive number, got \(sigma)") }
        let sources = [spec, csv, data].compactMap { $0 }.count
        if sources > 1 { throw ValidationError("give one of --data, --spec and --csv") }
        let family = model ?? .rrr
        if candidates != nil {
            if model != nil { throw ValidationError("--model: not with --candidates (the specs are the candidates)") }
            if trueRank != nil || trueHidden != nil || maxRank != nil || maxHidden != nil {
                throw ValidationError("--true-rank/--true-hidden/--max-rank/--max-hidden: not with --candidates")
            }
            if sigma != nil { throw ValidationError("--sigma: with --candidates σ is the specs' model.sigma") }
            if n != nil { throw ValidationError("--n: with --candidates the data are the first spec's (or --data, --csv, --spec)") }
        } else if family == .tanh {
            if trueRank != nil || singularValues != nil || maxRank != nil { throw ValidationError("--true-rank/--singular-values/--max-rank: for rrr and dln; tanh takes --true-hidden and --max-hidden") }
            if maxHidden == nil { throw ValidationError("--max-hidden: give the largest number of hidden units of the tanh candidates") }
            if sources == 0 && trueHidden == nil { throw ValidationError("give data: --data FILE, --spec FILE, --csv FILE, or --true-hidden H0 for synthetic data") }
            if let trueHidden, trueHidden < 0 { throw ValidationError("--true-hidden: expected H0 ≥ 0 active units, got \(trueHidden)") }
            if (input ?? 1) != 1 || (output ?? 1) != 1 { throw ValidationError("--input/--output: the tanh family has 1 input and 1 output") }
        } else {
            if maxHidden != nil || trueHidden != nil { throw ValidationError("--max-hidden/--true-hidden: only with --model tanh") }
            if sources == 0 && trueRank == nil { throw ValidationError("give data: --data FILE, --spec FILE, --csv FILE, or --true-rank R for synthetic data") }
        }
        if let starts, starts < 0 { throw ValidationError("--starts: expected a number of random starts ≥ 0, got \(starts)") }
        if simulate != nil, candidates != nil || family == .tanh { throw ValidationError("--simulate: for the rrr and dln families") }
        if csv != nil, xColumns == nil || yColumns == nil { throw ValidationError("--csv: needs --x-columns and --y-columns") }
        if csv == nil, xColumns != nil || yColumns != nil { throw ValidationError("--x-columns/--y-columns: only with --csv") }
        if sources > 0 {
            if trueRank != nil || trueHidden != nil { throw ValidationError("--true-rank/--true-hidden: only for synthetic data (not with --data, --spec or --csv)") }
            if singularValues != nil || n != nil { throw ValidationError("--singular-values/--n: only for synthetic data (not with --data, --spec or --csv)") }
        }
        if let simulate {
            guard simulate >= 1 else { throw ValidationError("--simulate: expected at least 1 replicate, got \(simulate)") }
            guard sources == 0, trueRank != nil else { throw ValidationError("--simulate: draws synthetic data; give --true-rank (not --data, --spec or --csv)") }
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
        let f: SelectionFamily = (model ?? .rrr) == .rrr ? .reducedRank(inputs: inputs, outputs: outputs, maxRank: h)
            : .deepLinear(inputs: inputs, outputs: outputs, layers: layers, maxRank: h)
        try f.validate()
        return f
    }

    func select() async throws {
        let seed = samplerOptions.seed
        if candidates != nil || model == .tanh { return try await selectNonlinear() }
        let sigma = self.sigma ?? 1
        let chosen = try criteria.map(SelectionCriterion.list) ?? (simulate == nil ? [.bic, .sbic, .wbic, .exact] : [.bic, .sbic])
        var data: Dataset?
        if let file = self.data {
            data = try SelectionData.file(path: file, inputs: input, outputs: output)
        } else if let spec {
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
            provenance += try resolveWBICSampler(&selection, probe: .deepLinearNetwork(probe), sampleCount: probeData.count).provenance
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
        try await runAndReport(selection, data: data, provenance: provenance, fitLine: nil)
    }

    /// The data of a tanh or polynomial-candidate selection: --data, --spec, --csv, else synthetic (tanh) or the first spec's.
    func nonlinearData(firstCandidate: String?) throws -> Dataset {
        if let file = data { return try SelectionData.file(path: file, inputs: 1, outputs: 1) }
        if let spec { return try SelectionData.spec(path: spec) }
        if let csv, let xColumns, let yColumns {
            return try SelectionData.csv(path: csv, inputs: xColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                                         outputs: yColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        if let firstCandidate { return try SelectionData.spec(path: firstCandidate) }
        guard let trueHidden else { throw SpecError(path: "data", "no data") }
        return try TanhFit.syntheticData(activeUnits: trueHidden, count: n ?? 1000, sigma: sigma ?? 1, seed: samplerOptions.seed)
    }

    /// `--model tanh` and `--candidates`: the nonlinear fits, and WBIC and F_n
    /// on each candidate's own model (`MLP.tanhNetwork`, `PolynomialRegression`).
    func selectNonlinear() async throws {
        let chosen = try criteria.map(SelectionCriterion.list) ?? [.bic, .sbic, .wbic, .exact]
        let family: SelectionFamily
        let sigma: Double
        var paths: [String] = []
        if let candidates {
            paths = candidates.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let list = try PolynomialCandidate.load(paths: paths)
            family = .polynomials(list)
            sigma = list[0].sigma
        } else {
            family = .tanh(maxHidden: maxHidden ?? 1)
            sigma = self.sigma ?? 1
        }
        try family.validate()
        let data = try nonlinearData(firstCandidate: paths.first)
        guard data.inputDimension == 1, data.outputDimension == 1 else {
            throw SpecError(path: "data", "\(data.source): the data have \(data.inputDimension) inputs and \(data.outputDimension) outputs; \(family.summary) needs 1 and 1")
        }
        var selection = ModelSelection(family: family, sigma: sigma, criteria: chosen, prior: prior?.spec ?? .uniform(lower: [-2], upper: [2]))
        selection.fitStarts = starts ?? 16
        selection.fitSeed = samplerOptions.seed
        let sampled = chosen.contains(.wbic) || chosen.contains(.exact)
        var provenance = [ResolvedSetting(name: "criteria", value: chosen.map(\.rawValue).joined(separator: ","), source: criteria == nil ? .default : .flag)]
        if sampled {
            var boxes = false
            if case .polynomials = family { boxes = true }
            let notes = [prior == nil ? "WBIC and exact F_n" : nil, boxes ? "a candidate spec's own uniform box comes first" : nil].compactMap { $0 }
            provenance.append(ResolvedSetting(name: "prior", value: prior?.text ?? "uniform:-2,2", source: prior == nil ? .default : .flag,
                                              note: notes.isEmpty ? nil : notes.joined(separator: "; ")))
        }
        provenance.append(ResolvedSetting(name: "starts", value: "\(selection.fitStarts)", source: starts == nil ? .default : .flag))
        if chosen.contains(.wbic) {
            // WBIC's sampler settings, resolved on the largest candidate's own model.
            let probe: AnyModel
            switch family {
            case let .polynomials(list):
                let largest = list.indices.max { list[$0].variables.count < list[$1].variables.count }!
                probe = .polynomialRegression(try list[largest].model(data: data, sigma: sigma))
            default:
                probe = .mlp(try ModelSelection.tanhModel(hidden: family.maxRank, sigma: sigma, data: data))
            }
            var configuration = try resolveWBICSampler(&selection, probe: probe, sampleCount: data.count)
            if selection.autoStepSize {
                let nn = Double(max(data.count, 3))
                if let i = configuration.provenance.firstIndex(where: { $0.name == "step size" }) {
                    configuration.provenance[i].value = "1/(nβ κ)"
                    configuration.provenance[i].note = "per candidate, nβ = \(NumberFormat.significant(nn / log(nn), digits: 6)), κ the largest curvature of L_n at its start, at least Σx²/(nσ²)"
                }
            }
            provenance += configuration.provenance
        } else {
            selection.settings.seed = samplerOptions.seed
            provenance.append(ResolvedSetting(name: "seed", value: "\(samplerOptions.seed)", source: samplerOptions.chain.seed == nil ? .default : .flag))
        }
        let fitLine: String
        if case .tanh = family {
            fitLine = "fit: multistart Levenberg–Marquardt, per H the (H−1)-unit optimum and \(selection.fitStarts) random starts, seed \(samplerOptions.seed)"
        } else {
            fitLine = "fit: the least-squares slope projected onto Q's image over the prior's support (Nelder–Mead, \(selection.fitStarts) random starts, seed \(samplerOptions.seed))"
        }
        try await runAndReport(selection, data: data, provenance: provenance, fitLine: fitLine)
    }

    /// WBIC's sampler and chains, resolved on `probe` (the largest candidate's
    /// model) at nβ = n / log n of `sampleCount`, set on `selection`; returns
    /// the resolution, whose provenance the settings line prints.
    func resolveWBICSampler(_ selection: inout ModelSelection, probe: AnyModel, sampleCount: Int) throws -> RunConfiguration {
        var configuration = try RunConfiguration.resolve(for: .wbic, spec: nil, flags: samplerOptions.overrides, model: probe)
        let nn = Double(max(sampleCount, 3))
        let (sampler, settings) = try configuration.wholePosterior(nbeta: nn / log(nn), estimator: .wbic)
        selection.sampler = sampler
        selection.settings = settings
        if case .auto = configuration.stepSize { selection.autoStepSize = true }
        return configuration
    }

    /// Runs `selection` on `data` (a progress line while it samples or
    /// integrates), prints the table or the JSON, writes the plot; exit 1 when
    /// a WBIC chain diverged.
    func runAndReport(_ selection: ModelSelection, data: Dataset, provenance: [ResolvedSetting], fitLine: String?) async throws {
        let chosen = selection.criteria
        let progress = ProgressLine("select", total: selection.family.candidates.count,
                                    quiet: quiet || json || !(chosen.contains(.wbic) || chosen.contains(.exact)))
        let started = ContinuousClock.now
        let r = try await selection.run(data: data, progress: { progress.advance(by: $0) })
        progress.finish()
        if json {
            print(try JSONOutput.string(ResultJSON(r, version: RLCTVersion.string, configuration: provenance,
                                                   seconds: started.duration(to: .now).seconds)), terminator: "")
        } else {
            if chosen.contains(.wbic) { print(provenance.settingsText()) }
            print("data: \(data.source)")
            if let fitLine { print(fitLine) }
            print(r.renderText(), terminator: "")
        }
        if let plot { try r.plot().write(to: plot) }
        try Self.exitIfDiverged(r)
    }

    /// Exit 1 (after the output is written) when a WBIC chain diverged.
    static func exitIfDiverged(_ r: SelectionResult) throws {
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
