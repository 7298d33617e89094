import ArgumentParser
import Foundation

/// `rlct`: learning coefficients, free energies and the seed experiments of
/// singular learning theory, from the command line.
@main
struct RLCT: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rlct",
        abstract: "Learning coefficients (RLCTs), local learning coefficients and free energies for singular models.",
        discussion: """
        Exit codes: 0 success, 1 a regression check failed (or a chain diverged), \
        2 bad input (the message names the field, line or column).

        Examples:
          rlct analytic --polynomial "w1^2*w2^4"
          rlct llc --polynomial "(w1*w2)^2" --sampler mala --step-size 1e-3
          rlct sgd --q "(w+1.6)*(w-1.6)^2" --trajectories 1000
          rlct regress --quick
        """,
        version: RLCTVersion.string,
        groupedSubcommands: [
            CommandGroup(name: "Estimate", subcommands: [
                LLCCommand.self, CalibrateCommand.self, FreeEnergyCommand.self, FitFreeEnergyCommand.self, VolumeCommand.self,
                PhasesCommand.self, WBICCommand.self, BICCommand.self, SelectCommand.self, TemperatureCommand.self, WAICCommand.self,
            ]),
            CommandGroup(name: "Exact", subcommands: [
                AnalyticCommand.self, PolynomialCommand.self, ModelCommand.self,
            ]),
            CommandGroup(name: "Experiments", subcommands: [
                TrainCommand.self, SGDCommand.self, SGDSweepCommand.self, SGDNoiseCommand.self, SGDPosteriorCommand.self, SGDLangevinCommand.self,
                CriticalPointsCommand.self, WalkCommand.self, LangevinCommand.self, SphereCommand.self,
            ]),
            CommandGroup(name: "Tools", subcommands: [
                CompareCommand.self, RegressCommand.self, BenchCommand.self, Doctor.self,
            ]),
        ]
    )

    /// Runs the command, mapping errors to the toolkit's exit codes:
    /// usage and input errors exit 2 with a message naming what was wrong.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)  // --help, --version
            }
            // Parser errors carry their own "Error: …" and usage; ours are
            // descriptions that name the field, line or column.
            let message = code == .validationFailure ? fullMessage(for: error) : "error: \(FlagNames.message(for: error))"
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            Foundation.exit(2)
        }
    }
}

enum RLCTVersion {
    static let string = "0.1.0"
}
