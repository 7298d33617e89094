import Foundation
import Models

/// The fixtures `rlct regress` runs: every `.json` file under the given paths
/// (files or folders, searched recursively), each decoded strictly and built.
/// A fixture that does not decode, does not build (or would not fit in memory),
/// has no `expected` section, or has its truth on or near the edge of a
/// uniform prior (`PriorBoundaryWarning`: the expected λ does not hold there)
/// is malformed: it is listed in `malformed` and the others still run.
public struct RegressionSuite: Sendable {
    public struct Fixture: Sendable {
        /// The path as found (relative to the working directory when given so).
        public var path: String
        public var spec: ExperimentSpec
        public var experiment: Experiment
        public var expected: ExpectedSpec
        /// The fixture's name, else its file name.
        public var name: String { spec.name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
    }

    public var fixtures: [Fixture]
    /// The fixtures that could not be read, with the error naming the JSON path.
    public var malformed: [(file: String, error: String)]

    /// The malformed fixtures' messages, one per line, each naming its file once
    /// (a JSON syntax error already starts with `file:line:column`).
    public var malformedMessages: [String] {
        malformed.map { $0.error.hasPrefix($0.file + ":") ? $0.error : "\($0.file): \($0.error)" }
    }

    /// Loads the fixtures under `paths`, keeping those whose path or name
    /// contains `filter` (case-insensitive). A file that cannot be loaded goes
    /// to `malformed`; a path that does not exist throws a `SpecError`.
    public init(paths: [String], filter: String? = nil) throws {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw SpecError(path: path, "no such file or folder")
            }
            if isDirectory.boolValue {
                let enumerator = fm.enumerator(atPath: path)
                var found: [String] = []
                while let f = enumerator?.nextObject() as? String {
                    if f.hasSuffix(".json") { found.append((path as NSString).appendingPathComponent(f)) }
                }
                files += found.sorted()
            } else {
                files.append(path)
            }
        }
        var fixtures: [Fixture] = []
        var problems: [(file: String, error: String)] = []
        for file in files {
            do {
                let spec = try ExperimentSpec.load(path: file)
                guard let expected = spec.expected else {
                    throw SpecError(path: "expected", "missing; a fixture states the learning coefficient it expects")
                }
                let experiment = try spec.build(baseDirectory: URL(fileURLWithPath: file).deletingLastPathComponent())
                // The truth, and w* where `llc.at` moves it: the expected λ holds only with the prior positive around them.
                let points: [(path: String, warning: PriorBoundaryWarning?)] = [
                    ("truth", experiment.priorBoundaryWarning()),
                    ("llc.at", spec.llc?.at.flatMap { experiment.priorBoundaryWarning(at: $0, label: "w*") }),
                ]
                if let found = points.first(where: { $0.warning != nil }), let warning = found.warning {
                    let path = found.path
                    throw SpecError(path: path, "\(warning); a fixture's truth must lie inside the prior's support, "
                                    + "more than \(Int(Prior.boundaryMargin * 100))% of the box width from every bound")
                }
                fixtures.append(Fixture(path: file, spec: spec, experiment: experiment, expected: expected))
            } catch {
                problems.append((file, "\(error)"))
            }
        }
        if let filter, !filter.isEmpty {
            let needle = filter.lowercased()
            fixtures = fixtures.filter { $0.path.lowercased().contains(needle) || $0.name.lowercased().contains(needle) }
            problems = problems.filter { $0.file.lowercased().contains(needle) }
        }
        self.fixtures = fixtures
        malformed = problems
    }
}
