import ArgumentParser
import Estimators
import Experiments
import Foundation
import Reports

extension ExactFreeEnergy.Method: ExpressibleByArgument {}

/// `rlct free-energy`: F_n(β) = −log ∫ φ exp(−nβ L_n) by quadrature or VEGAS.
struct FreeEnergyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "free-energy",
        abstract: "The tempered free energy F_n(β) = −log ∫ φ(w) exp(−nβ L_n(w)) dw, exact by quadrature (d ≤ 3) or VEGAS (d ≤ 8).",
        discussion: "The minimum of nβ L_n is found first (Nelder–Mead from several starts) and factored out, so large n does not underflow."
    )

    @OptionGroup var model: ModelOptions

    @Option(help: "Inverse temperature β (nβ = n·β); 1 is the Bayesian free energy.")
    var beta: Double = 1

    @Option(help: "quadrature (d ≤ 3) or vegas (d ≤ 8).")
    var method: ExactFreeEnergy.Method = .quadrature

    @Option(name: .customLong("local-radius"), help: "Integrate only over w* ± r (the local free energy; w* from --at).")
    var localRadius: Double?

    @Option(help: "Random seed (data for --q, and VEGAS).")
    var seed: UInt64 = 1

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard beta > 0, beta.isFinite else { throw ValidationError("--beta: expected a positive number, got \(beta)") }
        if let r = localRadius, !(r > 0) { throw ValidationError("--local-radius: expected a positive number, got \(r)") }
    }

    func run() async throws {
        let experiment = try model.experiment(seed: seed)
        let run = FreeEnergyRun(beta: beta, method: method, prior: experiment.prior, localRadius: localRadius,
                                center: try model.point(for: experiment), seed: seed)
        let r = try await experiment.model.accept(run)
        if json {
            print(try JSONOutput.string(r), terminator: "")
            return
        }
        print("F_n(β) of the \(experiment.summary)")
        print("n = \(experiment.model.sampleCount), β = \(NumberFormat.significant(beta)), nβ = \(NumberFormat.significant(r.nbeta, digits: 6)), prior \(experiment.prior), \(method.rawValue)")
        print("F = \(String(format: "%.10g", r.freeEnergy)) ± \(NumberFormat.significant(r.error, digits: 2))")
        print("min nβ·L_n = \(String(format: "%.10g", r.minimumEnergy)) at (\(r.minimizer.map { NumberFormat.significant($0) }.joined(separator: ", ")))")
        if let chi = r.chiSquaredPerDof { print(String(format: "VEGAS χ²/dof = %.3f", chi)) }
    }
}
