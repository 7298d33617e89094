import DistributedJobs
import Experiments
import Foundation
import Reports

extension RegressCommand {
    /// What `--resume FILE` kept: the outcomes by check key, and the finished pieces of the
    /// checks that had not finished (by check key, then piece). Empty without the flag.
    /// FILE must be a `rlct regress` JSON of the same kind of run (`--quick` or not).
    func resumed() throws -> (outcomes: [String: RegressionOutcome], pieces: [String: [Int: RegressionSuite.PieceOutput]]) {
        guard let resume else { return ([:], [:]) }
        let report: RegressionReport
        guard FileManager.default.fileExists(atPath: resume) else {
            throw ResumeError("--resume \(resume): no such file (give the --json-file of the run to complete)")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: resume))
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            report = try decoder.decode(RegressionReport.self, from: data)
        } catch let error as DecodingError {
            throw ResumeError("--resume \(resume): not the JSON of `rlct regress --json-file` (\(Self.describe(error)))")
        } catch {
            throw ResumeError("--resume \(resume): \(error.localizedDescription)")
        }
        guard report.quick == quick else {
            throw ResumeError("--resume \(resume): that run was\(report.quick ? "" : " not") --quick and this one is\(quick ? "" : " not"); resume with the same settings")
        }
        let keys = RegressionSuite.resumeKeys(of: report.outcomes)
        var pieces: [String: [Int: RegressionSuite.PieceOutput]] = [:]
        for saved in report.unfinishedPieces ?? [] { pieces[saved.key, default: [:]][saved.piece] = saved.output }
        return (Dictionary(zip(keys, report.outcomes), uniquingKeysWith: { first, _ in first }), pieces)
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

/// `--resume FILE` cannot be used: the message names the file and why (exit 2).
struct ResumeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The state of a regress run on the coordinator: every check's outcome (the resumed
/// ones, and each of this run's as soon as its last piece is in) and the pieces of the
/// checks still running (`RegressionSuite.pieceJobs`). When a check completes, and at
/// most a second after any other piece, it rewrites `--json-file` with the outcomes so far
/// and the finished pieces of the unfinished checks, so a run killed halfway keeps its
/// finished work (all but the last second's pieces) for `--resume`.
/// At the end each check's row is built from its pieces in piece order, the first failed
/// piece giving the failed row, as the whole check fails in one process.
final class RegressionProgress: @unchecked Sendable {
    private let suite: RegressionSuite
    private let checks: [RegressionSuite.CheckJob]
    /// The pieces of the checks to run, resumed ones included.
    let pieces: [RegressionSuite.PieceJob]
    /// The pieces this run computes (indices into `pieces`): those not resumed.
    let remaining: [Int]
    private let options: RegressionSuite.Options
    /// For each check (by index), its pieces' indices in piece order.
    private let piecesOfCheck: [Int: [Int]]
    private var outputs: [RegressionSuite.PieceOutput?]
    private var outcomes: [RegressionOutcome?]
    private let quick: Bool
    private let file: OutputTarget?
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var lastWrite: ContinuousClock.Instant?

    init(suite: RegressionSuite, checks: [RegressionSuite.CheckJob], pending: [Int], options: RegressionSuite.Options,
         resumed: (outcomes: [String: RegressionOutcome], pieces: [String: [Int: RegressionSuite.PieceOutput]]), file: OutputTarget?) {
        self.suite = suite
        self.checks = checks
        self.options = options
        pieces = suite.pieceJobs(checks, indices: pending, options: options)
        let pieces = self.pieces
        piecesOfCheck = Dictionary(grouping: pieces.indices, by: { pieces[$0].check })
        outputs = pieces.map { resumed.pieces[checks[$0.check].key]?[$0.piece] }
        remaining = pieces.indices.filter { [outputs] in outputs[$0] == nil }
        outcomes = checks.map { resumed.outcomes[$0.key] }
        quick = options.quick
        self.file = (file?.isStandardOutput ?? true) ? nil : file
    }

    /// Records piece `p`'s result (an index into `pieces`); when it completes its check, the
    /// check's row is assembled. Then the partial `--json-file` is rewritten.
    func finished(_ p: Int, _ result: Result<RegressionSuite.PieceOutput, JobFailure>) {
        guard case .success(let output) = result else { return }
        lock.lock()
        defer { lock.unlock() }
        outputs[p] = output
        let i = pieces[p].check
        let own = (piecesOfCheck[i] ?? []).compactMap { outputs[$0] }
        var completed = false
        if own.count == piecesOfCheck[i]?.count, let outcome = try? suite.assemble(checks[i], own, options: options) {
            outcomes[i] = outcome
            completed = true
        }
        // Rewritten when a check completes, else at most once a second (a file of every piece is 100 kB).
        guard let file, completed || lastWrite.map({ $0.secondsSince >= 1 }) ?? true else { return }
        lastWrite = .now
        let unfinished = pieces.indices.compactMap { q -> RegressionSuite.SavedPiece? in
            guard outcomes[pieces[q].check] == nil, let o = outputs[q] else { return nil }
            let check = checks[pieces[q].check]
            return RegressionSuite.SavedPiece(check: check, fixture: suite.fixtures[check.fixture].path, piece: pieces[q], output: o)
        }
        let report = RegressionReport(outcomes: outcomes.compactMap { $0 }, quick: quick, seconds: start.secondsSince,
                                      unfinishedPieces: unfinished.isEmpty ? nil : unfinished)
        try? file.write(JSONOutput.string(report))
    }

    /// Every check's row in check order, from the run's results (`results[k]` is piece `remaining[k]`'s).
    func outcomes(results: [Result<RegressionSuite.PieceOutput, JobFailure>]) -> [RegressionOutcome] {
        lock.lock()
        defer { lock.unlock() }
        var all = outputs.map { $0.map { Result<RegressionSuite.PieceOutput, JobFailure>.success($0) } }
        for (k, p) in remaining.enumerated() { all[p] = results[k] }
        return checks.indices.map { i in
            if let done = outcomes[i] { return done }
            let own = (piecesOfCheck[i] ?? []).compactMap { all[$0] }
            let seconds = own.reduce(0.0) { total, r in
                switch r {
                case .failure(let f): return total + f.seconds
                case .success(let output): return total + output.seconds
                }
            }
            do {
                return try suite.assemble(checks[i], own.map { try $0.get() }, options: options)
            } catch let failure as JobFailure {
                return suite.failedOutcome(checks[i], options: options, message: failure.message, seconds: seconds)
            } catch {
                return suite.failedOutcome(checks[i], options: options, message: "\(error)", seconds: seconds)
            }
        }
    }
}
