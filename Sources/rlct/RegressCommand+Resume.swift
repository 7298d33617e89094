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
