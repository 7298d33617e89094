import Foundation
import GSL
import Sampling

/// `rlct select --simulate R`: R replicate datasets from a true map at each n,
/// and how often each criterion selects each candidate (the design of
/// Drton & Plummer 2017, §5.1, Fig. 2, and of the R package sBIC's
/// reduced-rank regression vignette).
///
/// Replicate k draws its true map and its data from stream k of the seed
/// (`ReducedRankTruth.draw`), the same stream at every n, so the replicate's
/// truth is the same at every n and its smaller datasets are the first
/// samples of its larger ones. Replicates run in parallel without WBIC
/// (`Parallel.map`, results in replicate order) and in turn with it (its
/// chains run in parallel); either way the counts do not depend on threads.
/// `replicate(k)` is one replicate alone and `result(picks:)` gathers them:
/// `rlct select --simulate` runs the replicates as jobs of a queue (MPI ranks).
public struct SelectionSimulation: Sendable {
    public var selection: ModelSelection
    public var truth: ReducedRankTruth
    public var sampleSizes: [Int]
    public var replicates: Int
    public var seed: UInt64

    public init(selection: ModelSelection, truth: ReducedRankTruth, sampleSizes: [Int], replicates: Int, seed: UInt64) throws {
        guard replicates >= 1 else { throw SpecError(path: "replicates", "expected at least 1 replicate, got \(replicates)") }
        guard !sampleSizes.isEmpty else { throw SpecError(path: "sampleSizes", "expected at least one sample size") }
        let least = max(selection.family.inputs, selection.family.outputs)
        if let n = sampleSizes.first(where: { $0 < least }) {
            throw SpecError(path: "sampleSizes", "expected sample sizes ≥ max(inputs, outputs) = \(least), got \(n)")
        }
        if let c = selection.criteria.first(where: { $0 == .exact }) {
            throw SpecError(path: "criteria", "\(c.rawValue) is not available with a simulation; choose from bic, sbic, wbic")
        }
        guard !selection.criteria.isEmpty else { throw SpecError(path: "criteria", "expected at least one criterion") }
        guard truth.inputs == selection.family.inputs, truth.outputs == selection.family.outputs else {
            throw SpecError(path: "trueRank", "the truth's sizes differ from the family's")
        }
        try selection.family.validate()
        self.selection = selection
        self.truth = truth
        self.sampleSizes = sampleSizes
        self.replicates = replicates
        self.seed = seed
    }

    public struct Result: Sendable, Codable {
        /// counts[criterion][size][rank]: replicates in which the criterion selected that rank.
        public struct Counts: Sendable, Codable {
            public var criterion: SelectionCriterion
            public var counts: [[Int]]
        }
        public var family: String
        public var trueRank: Int
        public var singularValues: [Double]
        public var sampleSizes: [Int]
        public var replicates: Int
        public var seed: UInt64
        public var candidateRanks: [Int]
        public var selections: [Counts]

        /// The fraction of replicates in which `criterion` selected the true rank at size index `t`.
        public func correctFrequency(_ criterion: SelectionCriterion, size t: Int) -> Double? {
            guard let c = selections.first(where: { $0.criterion == criterion }) else { return nil }
            guard let k = candidateRanks.firstIndex(of: trueRank) else { return 0 }
            return Double(c.counts[t][k]) / Double(replicates)
        }

        enum CodingKeys: String, CodingKey {
            case family, trueRank = "true_rank", singularValues = "singular_values", sampleSizes = "sample_sizes", replicates, seed,
                 candidateRanks = "candidate_ranks", selections
        }
    }

    /// The units of work (datasets) the progress callback counts.
    public var totalDatasets: Int { replicates * sampleSizes.count }

    /// The candidate each criterion selects, in `criteria` order.
    static func indices(_ r: SelectionResult, _ criteria: [SelectionCriterion]) throws -> [Int] {
        let chosen = r.selected
        return try criteria.map { c in
            guard let choice = chosen.first(where: { $0.criterion == c }) else {
                throw SpecError(path: "criteria", "\(c.rawValue) was not computed for every candidate")
            }
            return choice.index
        }
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) async throws -> Result {
        var picks: [[[Int]]]
        if selection.criteria.contains(.wbic) {
            picks = []
            for k in 0..<replicates { picks.append(try await replicate(k, progress: progress)) }
        } else {
            let me = self
            let outcomes: [Swift.Result<[[Int]], Error>] = Parallel.map(replicates) { k in
                Swift.Result { try me.informationReplicate(k, progress: progress) }
            }
            picks = try outcomes.map { try $0.get() }
        }
        return result(picks: picks)
    }

    /// Replicate k alone, one job of `run`: its truth and data from stream k of
    /// the seed (WBIC's chains seeded seed + k), at every sample size.
    /// picks[t][c] = the candidate index criterion c selects at size t.
    /// `progress` receives 1 per dataset.
    public func replicate(_ k: Int, progress: (@Sendable (Int) -> Void)? = nil) async throws -> [[Int]] {
        guard selection.criteria.contains(.wbic) else { return try informationReplicate(k, progress: progress) }
        var row: [[Int]] = []
        for n in sampleSizes {
            let data = try truth.draw(count: n, stream: RandomStream(seed: seed, stream: k)).data
            var s = selection
            s.settings.seed = seed &+ UInt64(k)
            let r = try await s.run(data: data)
            row.append(try Self.indices(r, selection.criteria))
            progress?(1)
        }
        return row
    }

    /// Replicate k without WBIC (no sampling: synchronous).
    func informationReplicate(_ k: Int, progress: (@Sendable (Int) -> Void)?) throws -> [[Int]] {
        try sampleSizes.map { n -> [Int] in
            let data = try truth.draw(count: n, stream: RandomStream(seed: seed, stream: k)).data
            let r = try selection.information(data: data)
            progress?(1)
            return try Self.indices(r, selection.criteria)
        }
    }

    /// The frequencies from every replicate's picks (`replicate(k)`, in replicate order).
    public func result(picks: [[[Int]]]) -> Result {
        let criteria = selection.criteria
        let candidates = selection.family.candidates
        var selections: [Result.Counts] = []
        for (c, criterion) in criteria.enumerated() {
            var counts = [[Int]](repeating: [Int](repeating: 0, count: candidates.count), count: sampleSizes.count)
            for k in 0..<replicates {
                for t in sampleSizes.indices { counts[t][picks[k][t][c]] += 1 }
            }
            selections.append(Result.Counts(criterion: criterion, counts: counts))
        }
        return Result(family: selection.family.summary, trueRank: truth.rank, singularValues: truth.singularValues,
                      sampleSizes: sampleSizes, replicates: replicates, seed: seed,
                      candidateRanks: candidates.map(\.rank), selections: selections)
    }
}
