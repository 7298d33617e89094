import Foundation
import Models

/// Where `rlct select` takes its data from: the `data` section of an
/// experiment spec (synthetic from the spec's truth, CSV, `.npy`/`.npz`), a
/// CSV file with named columns, or a synthetic draw from a `ReducedRankTruth`.
public enum SelectionData {
    /// The data of the regression model a spec builds (reducedRankRegression,
    /// deepLinearNetwork or linearRegression); errors name the spec field.
    public static func spec(path: String) throws -> Dataset {
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        let experiment = try ExperimentSpec.load(path: path).build(baseDirectory: base)
        switch experiment.model {
        case let .reducedRankRegression(m): return m.data
        case let .deepLinearNetwork(m): return m.data
        case let .linearRegression(m): return m.data
        default:
            throw SpecError(path: "model.kind", "model selection over ranks reads the data of a reducedRankRegression, deepLinearNetwork or linearRegression spec, got \(experiment.spec.model.kind)")
        }
    }

    /// A CSV file's columns (`Dataset.csv`); errors name `path:line:column`.
    public static func csv(path: String, inputs: [String], outputs: [String]) throws -> Dataset {
        try Dataset.csv(path: path, inputColumns: inputs, outputColumns: outputs, maximumBytes: MemoryBudget.available().bytes)
    }
}
