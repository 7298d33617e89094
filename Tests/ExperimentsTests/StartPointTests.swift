import Foundation
import Models
import Sampling
import Testing
@testable import Experiments

/// w* for the sampling runs: the truth, a point by name, or the local minimum below either.
@Suite struct StartPointTests {
    let experiment: Experiment
    let potential: Potential

    init() throws {
        let json = #"{"model": {"kind": "potential", "k": "(w1 - 0.5)^2 + w2^2", "n": 100}, "truth": {"parameters": [0.25, 0]}}"#
        experiment = try ExperimentSpec.decode(Data(json.utf8)).build()
        guard case let .potential(p) = experiment.model else { throw SpecError(path: "model", "not a potential") }
        potential = p
    }

    @Test func givenPointByName() throws {
        let w = try StartPoint.given(["w2": -0.5]).resolve(for: potential, prior: .uniform(lower: [-1, -1], upper: [1, 1]))
        #expect(w == [0, -0.5])
    }

    @Test func truthOrTheOrigin() throws {
        #expect(StartPoint.truth(of: experiment) == StartPoint(origin: .truth([0.25, 0])))
        #expect(try StartPoint.truth(of: experiment).resolve(for: potential, prior: .flat) == [0.25, 0])
        #expect(try StartPoint(origin: .truth(nil)).resolve(for: potential, prior: .flat) == [0, 0])
        #expect(throws: SpecError.self) { try StartPoint(origin: .truth([1])).resolve(for: potential, prior: .flat) }
    }

    /// Unknown names are reported in sorted order, whatever the dictionary's order.
    @Test func unknownNamesAndThePriorsBox() throws {
        let start = StartPoint.given(["z": 1, "b": 2, "w1": 0])
        #expect { try start.resolve(for: potential, prior: .flat) } throws: { error in
            "\(error)".contains("unknown parameter 'b'")
        }
        let outside = StartPoint.given(["w1": 3])
        #expect { try outside.resolve(for: potential, prior: .uniform(lower: [-1, -1], upper: [1, 1])) } throws: { error in
            "\(error)".contains("w1 = 3.0 is outside the prior's support")
        }
    }

    /// Gradient descent from the truth reaches the minimum (0.5, 0) of K to the minimiser's tolerance.
    @Test func optimizedDescendsToTheMinimum() throws {
        let start = StartPoint(origin: .truth([0.25, 0])).optimized()
        #expect(start.optimizesCenter && !StartPoint.given([:]).optimizesCenter)
        let w = try start.resolve(for: potential, prior: .flat)
        #expect(abs(w[0] - 0.5) < 1e-9 && abs(w[1]) < 1e-9, "\(w)")
        #expect(StartPoint.given([:]).optimized(false) == .given([:]))
    }

    /// An LLC request centres its posterior at the resolved w*.
    @Test func llcRequestUsesTheStartPoint() throws {
        let request = LLCRequest(sampler: SamplerConfiguration(kind: .sgld, stepSize: 1e-4), prior: .flat,
                                 start: .given(["w1": 0.5]))
        #expect(try request.posterior(for: potential).center == [0.5, 0])
    }
}
