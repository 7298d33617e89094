import Foundation

/// Where a report goes: a file path given on the command line (with the flag
/// that named it, for messages), or `-` for standard output.
///
/// Creating one checks the path before any work starts, so a run never ends
/// with its result lost to a typo: a missing or unwritable parent directory, a
/// directory, a trailing slash or a socket is rejected with the reason.
/// Writing checks again (the file system may have changed) and then
/// - replaces a regular file, or creates an absent one, atomically through an
///   exclusively created temporary file beside it (`AtomicFile`);
/// - follows a symbolic link and replaces the file it points to, keeping the link;
/// - writes devices and FIFOs (`/dev/null`, a pipe) directly, never replacing them;
/// - writes `-` to standard output.
///
/// ```swift
/// let json = try OutputTarget("out/report.json", flag: jsonFlag)  // throws now if out/ is missing
/// // … the long computation …
/// try json.write(JSONOutput.string(report))
/// ```
public struct OutputTarget: Sendable, Hashable, CustomStringConvertible {
    /// The path as given (`-` is standard output).
    public let path: String
    /// The command-line flag that named it (`--json`), for messages; nil outside the CLI.
    public let flag: String?

    /// Checks `path` for writing; throws `OutputFileError` saying why it cannot be written.
    public init(_ path: String, flag: String? = nil) throws {
        self.path = path
        self.flag = flag
        _ = try destination()
    }

    /// Whether this is `-`, standard output.
    public var isStandardOutput: Bool { path == "-" }

    public var description: String { flag.map { "\($0) \(path)" } ?? path }

    /// A sibling file for a second figure: `fig.svg` → `fig-hist.svg` (`fig` → `fig-hist.svg`).
    public func companion(_ suffix: String) throws -> OutputTarget {
        guard !isStandardOutput else {
            throw OutputFileError(flag: flag, path: path, reason: "a second file (-\(suffix).svg) needs a file name, not standard output")
        }
        let stem = path.hasSuffix(".svg") ? String(path.dropLast(4)) : path
        return try OutputTarget(stem + "-\(suffix).svg", flag: flag)
    }

    /// Writes `text` as UTF-8.
    public func write(_ text: String) throws {
        try write(Data(text.utf8))
    }

    /// Writes `data`: atomically for regular files, directly for devices, FIFOs and `-`.
    public func write(_ data: Data) throws {
        switch try destination() {
        case .standardOutput:
            fflush(nil)  // after anything already printed (all C streams: `stdout` is a global Swift 6 will not read)
            try wrap { try AtomicFile.writeAll(data, to: STDOUT_FILENO) }
        case .direct(let target):
            try wrap { try AtomicFile.writeDirectly(data, to: target) }
        case .replace(let target, let mode):
            try wrap { try AtomicFile.replace(target, with: data, mode: mode) }
        }
    }

    /// Rethrows a system error as `OutputFileError` naming the flag and path.
    private func wrap(_ body: () throws -> Void) throws {
        do { try body() } catch let error as SystemError {
            throw OutputFileError(flag: flag, path: path, reason: error.reason)
        }
    }
}

/// An output file cannot be, or could not be, written.
public struct OutputFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The flag that named the file, if any.
    public var flag: String?
    public var path: String
    /// Why, in words: "the directory /x does not exist", "is a directory", …
    public var reason: String

    public init(flag: String? = nil, path: String, reason: String) {
        self.flag = flag
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(flag.map { "\($0) " } ?? "cannot write ")\(path): \(reason)" }
}

/// A failed system call: `reason` is the call's meaning and `strerror(errno)`.
struct SystemError: Error {
    var reason: String

    /// "`what`: strerror(errno)".
    static func errno(_ what: String, _ code: Int32 = Foundation.errno) -> SystemError {
        SystemError(reason: "\(what): \(String(cString: strerror(code)))")
    }
}
