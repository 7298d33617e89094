import Dynamics
import Experiments

/// The one place where the libraries' field keys become `rlct`'s flag names.
///
/// Libraries name the setting at fault by its field key (`DynamicsError.field`,
/// and `SpecError.path` for a run's own settings: `draws`, `at`, `nMax`); the
/// command line prints the flag the user typed (`--draws`, `--at`, `--n-max`).
/// A spec file's paths (`sampler.draws`, `model.widths[2]`) are left alone:
/// only exact keys of `settings` are renamed in a `SpecError`.
enum FlagNames {
    /// Run settings that reach `rlct` as `SpecError` paths (no spec file has a
    /// top-level field of these names, so a spec path is never renamed).
    static let settings: [String: String] = [
        "at": "--at", "optimizeCenter": "--optimize-center", "localRadius": "--local-radius",
        "population": "--population", "lambdas": "--lambdas", "phases": "--phases", "nMax": "--n-max",
        "nbeta": "--nbeta", "chains": "--chains", "draws": "--draws", "burnIn": "--burn-in", "thin": "--thin",
        "temperatures": "--temperatures", "stepSizes": "--step-sizes", "stepSize": "--step-size",
        "batchSize": "--batch", "localization": "--localization", "lossEstimator": "--loss", "evaluationSubset": "--eval-subset", "maxDraws": "--max-draws",
        // rlct select
        "inputs": "--input", "outputs": "--output", "maxRank": "--max-rank", "layers": "--layers", "trueRank": "--true-rank",
        "singularValues": "--singular-values", "criteria": "--criteria", "replicates": "--simulate", "sampleSizes": "--sample-sizes",
    ]

    /// `rlct select`'s own keys whose names a spec file also uses at its top
    /// level (a comparison spec's `n`), so they are renamed for that command only.
    static let selectSettings: [String: String] = ["n": "--n", "sigma": "--sigma", "maxHidden": "--max-hidden", "trueHidden": "--true-hidden",
                                                   "candidates": "--candidates", "starts": "--starts"]

    /// `lr` → `--lr`, `burnIn` → `--burn-in`, `halfWidth` → `--half-width`.
    static func flag(for field: String) -> String {
        if let flag = settings[field] { return flag }
        var out = "--"
        for c in field {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    /// The error's text with field keys spelled as flags.
    static func message(for error: any Error) -> String {
        switch error {
        case let e as DynamicsError:
            return "\(flag(for: e.field)): \(e.reason)"
        case let e as SpecError:
            return commandLine(e).description
        default:
            return "\(error)"
        }
    }

    /// A spec error whose path is a run setting, renamed to its flag.
    static func commandLine(_ error: SpecError) -> SpecError {
        guard let flag = settings[error.path] else { return error }
        var error = error
        error.path = flag
        return error
    }
}
