import ArgumentParser
import Foundation
import Reports

extension OutputTarget {
    /// The transform for a file flag (`@Option(transform: OutputTarget.argument("--plot"))`):
    /// the path is checked while the command line is parsed, before any work, and a
    /// path that cannot be written exits 2 with
    /// `The value 'x/y.svg' is invalid for '--plot <plot>': the directory x does not exist`.
    static func argument(_ flag: String) -> @Sendable (String) throws -> OutputTarget {
        { path in
            do {
                return try OutputTarget(path, flag: flag)
            } catch let error as OutputFileError {
                throw ValidationError(error.reason)
            }
        }
    }
}

/// Writes a command's report files after its result is printed: every file is
/// attempted, a failure is printed to standard error and remembered, and
/// `finish()` then exits 2. A command that has a worse outcome to report (a
/// failed regression check, exit 1) throws that first, so a write error never hides it.
struct OutputWrites {
    /// Whether any write failed.
    private(set) var failed = false

    /// Writes `content()` to `target` (nothing if nil); on failure prints `error: …` and goes on.
    mutating func write(_ target: OutputTarget?, _ content: () throws -> String) {
        guard let target else { return }
        do {
            try target.write(content())
        } catch {
            failed = true
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        }
    }

    /// Exits 2 if a write failed (its message is already on standard error).
    func finish() throws {
        if failed { throw ExitCode(2) }
    }
}
