import Estimators
import Foundation
import Reports

/// `rlct compare`: every model of a `ComparisonSpec` at the same n, and how
/// the result is shown (the table, JSON, and the plot of F_n, WBIC and BIC
/// against log n).
public struct ComparisonReport: Sendable, Encodable {
    public var name: String
    public var n: Int
    public var models: [ComparisonRow]

    /// Runs the comparison, model by model (each model's chains run in parallel).
    /// Relative CSV paths resolve against `baseDirectory`.
    public static func run(_ spec: ComparisonSpec, baseDirectory: URL? = nil,
                           progress: @escaping @Sendable () -> Void = {}) async throws -> ComparisonReport {
        let plotN = spec.plotN ?? []
        let largest = max(spec.n, plotN.last ?? 0)
        var rows: [ComparisonRow] = []
        for (i, model) in spec.models.enumerated() {
            let atLargest = try model.withSampleCount(largest, path: "models[\(i)].data")
            let experiment: Experiment
            do { experiment = try atLargest.build(baseDirectory: baseDirectory) } catch let e as SpecError {
                throw SpecError(path: "models[\(i)].\(e.path)", e.message)
            }
            let run = ComparisonRun(spec: model, experiment: experiment, n: spec.n, plotN: plotN, progress: progress)
            rows.append(try await experiment.model.accept(run))
        }
        return ComparisonReport(name: spec.name ?? "comparison", n: spec.n, models: rows)
    }

    /// d/2, λ and m, the estimates of λ, and the free energy with its two stand-ins.
    public var table: Table {
        var t = Table(title: "\(name), n = \(n)", columns: [
            .init("model", alignment: .left), .init("d/2"), .init("λ (m)"), .init("LLC"), .init("temperature λ̂"), .init("volume λ̂ (m̂)"),
            .init("F_n exact"), .init("WBIC"), .init("BIC"), .init("|WBIC − F|"), .init("|BIC − F|"),
        ])
        func pm(_ x: Double?, _ e: Double?, digits: Int = 4) -> String {
            guard let x else { return "-" }
            return e.map { NumberFormat.plusMinus(x, $0) } ?? NumberFormat.significant(x, digits: digits)
        }
        for r in models {
            let lambda = r.lambda.map { NumberFormat.significant($0) + (r.multiplicity.map { " (\($0))" } ?? "") } ?? "-"
            t.append([r.name, NumberFormat.significant(r.halfDimension), lambda, pm(r.llc, r.llcError),
                      pm(r.temperatureLambda, r.temperatureLambdaError),
                      r.volumeLambda == nil ? "-" : pm(r.volumeLambda, r.volumeLambdaError) + (r.volumeMultiplicity.map { " (\($0))" } ?? ""), pm(r.freeEnergy, nil, digits: 6), pm(r.wbic, r.wbicError),
                      pm(r.bic, nil, digits: 6), pm(r.wbicDeviation, nil), pm(r.bicError, nil)])
        }
        return t
    }

    /// The table, then the notes of estimators that could not run, then every sampled
    /// estimate whose verdict is not ok (level and reason codes; the JSON has the messages).
    public func renderText() -> String {
        var out = table.renderText()
        for r in models { for note in r.notes { out += "note: \(r.name): \(note)\n" } }
        for r in models {
            for (estimate, v) in r.verdicts where v.level != .ok { out += "verdict: \(r.name): \(estimate) \(v)\n" }
        }
        return out
    }

    /// F_n (solid), WBIC (points with MCSE bars) and BIC (dashed) against n on a log axis, one colour per
    /// model, each less n L_n(ŵ) so that models with data (whose n L_n grows like n) share the axis with
    /// potentials: what is left is λ log n − (m − 1) log log n + O(1), and (d/2) log n for BIC.
    public var plot: Plot {
        var plot = Plot(title: "\(name): F_n, WBIC and BIC against n", xLabel: "n",
                        yLabel: "criterion − n·L_n(ŵ)  (nats)", xScale: .log)
        plot.height = 560
        for (k, r) in models.enumerated() {
            guard let c = r.curve else { continue }
            let color = Plot.palette[k % Plot.palette.count]
            /// (n, value − n L_n(ŵ), error) where both are known.
            func points(_ values: [Double?], _ errors: [Double?]? = nil) -> [(Double, Double, Double)] {
                c.n.indices.compactMap { i in
                    guard let v = values[i], let base = c.nLoss[i] else { return nil }
                    return (Double(c.n[i]), v - base, errors?[i] ?? 0)
                }
            }
            let f = points(c.freeEnergy), w = points(c.wbic, c.wbicError), b = points(c.bic)
            // The model's name labels its F_n; WBIC and BIC share its colour and are keyed below.
            plot.series.append(.init(r.name, style: .lineAndPoints, x: f.map(\.0), y: f.map(\.1), color: color))
            plot.series.append(.init("", style: .scatter, x: w.map(\.0), y: w.map(\.1), yError: w.map(\.2), color: color))
            plot.series.append(.init("", style: .line, x: b.map(\.0), y: b.map(\.1), dashed: true, color: color))
        }
        plot.series.append(.init("solid: exact F_n", style: .line, x: [], y: [], color: "#555"))
        plot.series.append(.init("points: WBIC ± MCSE", style: .scatter, x: [], y: [], color: "#555"))
        plot.series.append(.init("dashed: BIC = (d/2) log n", style: .line, x: [], y: [], dashed: true, color: "#555"))
        return plot
    }
}
