import Estimators
import Foundation
import Models

extension RegressionSuite {
    /// One job of `rlct regress`'s queue: piece `piece` of the check `check`
    /// (an index into the run's `checkJobs`). Most checks are one piece; a
    /// volume check is its setup and then one piece per ε (quadrature) or per
    /// nested-sampling replicate, a free-energy fit one piece per n, so a
    /// cluster spreads a two-minute check over many ranks (docs/cluster.md).
    /// The pieces assemble into the row the whole check gives in one process.
    public struct PieceJob: Sendable, Hashable {
        public var check: Int
        public var piece: Int
        /// The check's cost shared equally among its pieces.
        public var cost: Double
        /// The check's label, and which piece (`… volume, ε 3 of 25`).
        public var label: String
    }

    /// What one piece computed: a whole check's row, or one part of a split check.
    /// As JSON: `{"outcome": …}`, `{"volume": …, "seconds": s}` or `{"free_energy": …, "seconds": s}`.
    public enum PieceOutput: Sendable, Codable, Equatable {
        case outcome(RegressionOutcome)
        case volume(VolumeScaling.PieceResult, seconds: Double)
        case freeEnergy(FreeEnergyFit.Point, seconds: Double)

        /// The seconds the piece took (a whole check's: its row's).
        public var seconds: Double {
            switch self {
            case .outcome(let o): return o.seconds
            case .volume(_, let s), .freeEnergy(_, let s): return s
            }
        }

        enum CodingKeys: String, CodingKey {
            case outcome, volume, freeEnergy = "free_energy", seconds
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let o = try c.decodeIfPresent(RegressionOutcome.self, forKey: .outcome) { self = .outcome(o); return }
            let seconds = try c.decode(Double.self, forKey: .seconds)
            if let v = try c.decodeIfPresent(VolumeScaling.PieceResult.self, forKey: .volume) {
                self = .volume(v, seconds: seconds)
            } else {
                self = .freeEnergy(try c.decode(FreeEnergyFit.Point.self, forKey: .freeEnergy), seconds: seconds)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .outcome(let o): try c.encode(o, forKey: .outcome)
            case .volume(let v, let s): try c.encode(v, forKey: .volume); try c.encode(s, forKey: .seconds)
            case .freeEnergy(let p, let s): try c.encode(p, forKey: .freeEnergy); try c.encode(s, forKey: .seconds)
            }
        }
    }

    /// A finished piece of a check that had not finished, as a partial `--json-file`
    /// keeps it for `--resume`: the check (fixture, method, which check of that method),
    /// the piece (its index in the check's pieces, and its label) and its output.
    public struct SavedPiece: Sendable, Codable, Equatable {
        public var fixture: String
        public var method: String
        public var occurrence: Int
        public var piece: Int
        public var label: String
        public var output: PieceOutput

        public init(check: CheckJob, fixture: String, piece: PieceJob, output: PieceOutput) {
            self.fixture = fixture
            method = check.method
            occurrence = check.occurrence
            self.piece = piece.piece
            label = piece.label
            self.output = output
        }

        /// The check's `CheckJob.key`.
        public var key: String { RegressionSuite.resumeKey(fixture: fixture, method: method, occurrence: occurrence) }
    }

    /// How a check's work splits: whole, or into a volume estimate's or a free-energy fit's pieces.
    enum Split {
        case whole
        /// The run (its population flag) and its problem on the fixture's model.
        case volume(VolumeRun, VolumeScaling.Problem)
        case freeEnergyFit(FreeEnergyFitRun)

        var count: Int {
            switch self {
            case .whole: return 1
            case .volume(_, let problem): return problem.pieces.count
            case .freeEnergyFit(let run): return run.grid.count
            }
        }
    }

    /// The split of a check. A check that `--quick` skips, and one whose run cannot be set up
    /// (the whole check then throws the same error in one piece), stays whole.
    static func split(_ check: CheckSpec, on fixture: Fixture, options: Options) -> Split {
        if options.quick, check.quick?.skip == true { return .whole }
        let model = fixture.experiment.model
        switch check.method {
        case .llc, .temperature:
            return .whole
        case .freeEnergyFit:
            guard let run = try? freeEnergyFitRun(on: fixture) else { return .whole }
            return .freeEnergyFit(run)
        case .volume:
            guard let run = try? volumeRun(check, on: fixture),
                  let problem = try? run.problem(dimension: model.dimension, parameterNames: model.parameterNames) else { return .whole }
            return .volume(run, problem)
        }
    }

    /// The queue jobs of `checks` (all or some of `checkJobs`, by index), in order: each check's pieces in turn.
    public func pieceJobs(_ checks: [CheckJob], indices: [Int], options: Options) -> [PieceJob] {
        indices.flatMap { i -> [PieceJob] in
            let job = checks[i]
            guard let c = job.check else { return [PieceJob(check: i, piece: 0, cost: job.cost, label: job.label)] }
            let fixture = fixtures[job.fixture]
            let split = Self.split(Self.checks(of: fixture, options: options)[c], on: fixture, options: options)
            let count = split.count
            return (0..<count).map { p in
                PieceJob(check: i, piece: p, cost: job.cost / Double(count), label: job.label + Self.pieceLabel(split, p))
            }
        }
    }

    static func pieceLabel(_ split: Split, _ p: Int) -> String {
        switch split {
        case .whole: return ""
        case .volume(let run, let problem):
            switch problem.pieces[p] {
            case .setup: return ", setup"
            case .epsilon(let i): return ", ε \(i + 1) of \(run.epsilons.count)"
            case .replicate(let r): return ", replicate \(r + 1) of \(run.replicates)"
            }
        case .freeEnergyFit(let run): return ", n = \(Int(run.grid[p]))"
        }
    }

    /// Runs one piece. An estimator's error is thrown (the queue reports it with its rank).
    public func run(_ piece: PieceJob, of job: CheckJob, options: Options) async throws -> PieceOutput {
        let fixture = fixtures[job.fixture]
        guard let c = job.check else { return .outcome(Self.analytic(fixture)) }
        let check = Self.checks(of: fixture, options: options)[c]
        let model = fixture.experiment.model
        let start = ContinuousClock.now
        switch Self.split(check, on: fixture, options: options) {
        case .whole:
            return .outcome(try await Self.estimate(check, on: fixture, options: options, rethrowing: true))
        case .volume(let run, let problem):
            return .volume(try await model.accept(run.piece(problem.pieces[piece.piece], of: problem)), seconds: start.secondsSince)
        case .freeEnergyFit(let run):
            return .freeEnergy(try await model.accept(run.point(piece.piece)), seconds: start.secondsSince)
        }
    }

    /// A check's row from its pieces' outputs, all of them, in piece order: the row
    /// the whole check gives. Throws what the whole estimate throws after its last piece
    /// (a fit that fails); an error of a piece itself is the caller's (the first in
    /// piece order is what the whole check throws).
    public func assemble(_ job: CheckJob, _ outputs: [PieceOutput], options: Options) throws -> RegressionOutcome {
        if outputs.count == 1, case .outcome(let outcome) = outputs[0] { return outcome }
        guard let c = job.check else { throw SpecificationError("\(job.label): an analytic check has one piece, got \(outputs.count)") }
        let fixture = fixtures[job.fixture]
        let check = Self.checks(of: fixture, options: options)[c]
        let seconds = outputs.reduce(0) { $0 + $1.seconds }
        let measurement: Measurement
        switch Self.split(check, on: fixture, options: options) {
        case .whole:
            throw SpecificationError("\(job.label): a whole check has one piece, got \(outputs.count)")
        case .volume(_, let problem):
            let results = try outputs.map { o -> VolumeScaling.PieceResult in
                guard case .volume(let r, _) = o else { throw SpecificationError("\(job.label): not a volume piece: \(o)") }
                return r
            }
            measurement = Self.measurement(try problem.assemble(results), check: check)
        case .freeEnergyFit(let run):
            let points = try outputs.map { o -> FreeEnergyFit.Point in
                guard case .freeEnergy(let p, _) = o else { throw SpecificationError("\(job.label): not a free-energy piece: \(o)") }
                return p
            }
            measurement = Self.measurement(try FreeEnergyFit.fit(points: points, beta: run.beta, nextOrder: run.nextOrder))
        }
        return Self.judged(measurement, check: check, on: fixture, options: options, seconds: seconds)
    }
}
