import Foundation

/// A one-line progress display on standard error: `label  done/total  rate  ETA`.
///
/// Shown only when standard error is a terminal and `quiet` is false, so piped
/// output and CI logs stay clean. Updates are rate-limited to a few per second.
/// Thread-safe: chains running in parallel may call `advance` concurrently.
public final class ProgressLine: @unchecked Sendable {
    private let label: String
    private var total: Int
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var done = 0
    private var lastDraw = Date.distantPast

    /// - Parameters:
    ///   - label: what is being done ("sampling", "quadrature", …).
    ///   - total: the number of units of work.
    ///   - quiet: suppress the line even on a terminal.
    public init(_ label: String, total: Int, quiet: Bool = false) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Records `units` more units of work done.
    public func advance(by units: Int = 1) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        done += units
        let now = Date()
        if now.timeIntervalSince(lastDraw) < 0.2 && done < total { return }
        lastDraw = now
        draw(now: now)
    }

    /// Adds `units` to the total: work found along the way (a step-size pilot,
    /// chains extended towards a precision target).
    public func grow(by units: Int) {
        lock.lock(); defer { lock.unlock() }
        total += max(units, 0)
    }

    /// Clears the line (call once when the work is finished).
    public func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    private func draw(now: Date) {
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let percent = 100 * Double(done) / Double(total)
        let text = "\r\u{1B}[2K\(label)  \(done)/\(total) (\(String(format: "%.0f", percent))%)  \(Self.formatRate(rate))/s  ETA \(Self.formatDuration(remaining))"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func formatRate(_ rate: Double) -> String {
        switch rate {
        case 1e6...: return String(format: "%.2fM", rate / 1e6)
        case 1e3...: return String(format: "%.1fk", rate / 1e3)
        default: return String(format: "%.1f", rate)
        }
    }

    static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--" }
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
