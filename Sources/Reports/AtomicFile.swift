import Foundation

/// Writes output files so that an interrupted run never leaves a half-written
/// result: the bytes go to a temporary file in the same directory, which is
/// then renamed over the destination (rename is atomic on one file system).
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the parent directory if needed.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let fm = FileManager.default
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            if !fm.fileExists(atPath: directory.path) {
                try fm.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            try data.write(to: temporary)
        } catch {
            try? fm.removeItem(at: temporary)
            throw OutputFileError(path: url.path, reason: error.localizedDescription)
        }
        // POSIX rename replaces the destination atomically.
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temporary)
            throw OutputFileError(path: url.path, reason: reason)
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, toPath path: String) throws {
        try write(Data(text.utf8), to: URL(fileURLWithPath: path))
    }
}

/// An output file could not be written.
public struct OutputFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
