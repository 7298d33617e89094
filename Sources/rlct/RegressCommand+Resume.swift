import DistributedJobs
import Experiments
import Foundation
import Reports

extension RegressCommand {
    /// The outcomes of `--resume FILE` by check key (empty without the flag).
    /// FILE must be a `rlct regress` JSON of the same kind of run (`--quick` or not).
    func resumedOutcomes() throws -> [String: RegressionOutcome] {
        guard let resume else { return [:] }
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
        return Dictionary(zip(keys, report.outcomes), uniquingKeysWith: { first, _ in first })
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

/// The outcomes finished so far (the resumed ones and those of this run), written
/// to `--json-file` after every check in job order, so that a run killed halfway
/// leaves a report `--resume` can complete. Only the coordinator writes; a
/// failed write is left for the final write to report.
final class PartialRegression: @unchecked Sendable {
    private let checks: [RegressionSuite.CheckJob]
    private var outcomes: [RegressionOutcome?]
    private let quick: Bool
    private let file: OutputTarget?
    private let lock = NSLock()
    private let start = ContinuousClock.now

    init(checks: [RegressionSuite.CheckJob], previous: [String: RegressionOutcome], quick: Bool, file: OutputTarget?) {
        self.checks = checks
        outcomes = checks.map { previous[$0.key] }
        self.quick = quick
        self.file = (file?.isStandardOutput ?? true) ? nil : file
    }

    func finished(_ check: Int, _ outcome: RegressionOutcome) {
        guard let file else { return }
        lock.lock()
        defer { lock.unlock() }
        outcomes[check] = outcome
        let report = RegressionReport(outcomes: outcomes.compactMap { $0 }, quick: quick, seconds: start.secondsSince)
        try? file.write(JSONOutput.string(report))
    }
}

/// `--resume FILE` cannot be used: the message names the file and why (exit 2).
struct ResumeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The pieces of each check as they finish (`RegressionSuite.pieceJobs`): a check
/// whose pieces have all come back is assembled into its row at once (so the
/// partial `--json-file` gains it); at the end every check's row is built from
/// its pieces in piece order, the first failed piece giving the failed row,
/// as the whole check would have failed in one process.
final class GatheredPieces: @unchecked Sendable {
    private let suite: RegressionSuite
    private let checks: [RegressionSuite.CheckJob]
    private let pieces: [RegressionSuite.PieceJob]
    private let options: RegressionSuite.Options
    /// For each check (by index), its pieces' job indices in piece order.
    private let jobsOfCheck: [Int: [Int]]
    private var outputs: [RegressionSuite.PieceOutput?]
    private var assembled: [Int: RegressionOutcome] = [:]
    private let lock = NSLock()

    init(suite: RegressionSuite, checks: [RegressionSuite.CheckJob], pieces: [RegressionSuite.PieceJob], options: RegressionSuite.Options) {
        self.suite = suite
        self.checks = checks
        self.pieces = pieces
        self.options = options
        jobsOfCheck = Dictionary(grouping: pieces.indices, by: { pieces[$0].check })
        outputs = Array(repeating: nil, count: pieces.count)
    }

    /// Records piece job `k`'s result; returns its check and row when that completes the check.
    func finished(_ k: Int, _ result: Result<RegressionSuite.PieceOutput, JobFailure>) -> (Int, RegressionOutcome)? {
        guard case .success(let output) = result else { return nil }
        lock.lock()
        defer { lock.unlock() }
        outputs[k] = output
        let i = pieces[k].check
        let ks = jobsOfCheck[i] ?? []
        let done = ks.compactMap { outputs[$0] }
        guard done.count == ks.count, let outcome = try? suite.assemble(checks[i], done, options: options) else { return nil }
        assembled[i] = outcome
        return (i, outcome)
    }

    /// Check `i`'s row from the run's results (job order).
    func outcome(of i: Int, results: [Result<RegressionSuite.PieceOutput, JobFailure>]) -> RegressionOutcome {
        lock.lock()
        let cached = assembled[i]
        lock.unlock()
        if let cached { return cached }
        let own = (jobsOfCheck[i] ?? []).map { results[$0] }
        let seconds = own.reduce(0.0) { total, r in
            switch r {
            case .failure(let f): return total + f.seconds
            case .success(.outcome(let o)): return total + o.seconds
            case .success(.volume(_, let s)), .success(.freeEnergy(_, let s)): return total + s
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
