import Foundation

/// How much memory a run may use: the kernel's estimate of memory available
/// without swapping (`MemAvailable` in /proc/meminfo), else the physical
/// memory. A `ResourceEstimate` above it is refused before anything is allocated.
public struct MemoryBudget: Sendable, Hashable {
    /// Bytes a run may use.
    public var bytes: Int
    /// Where `bytes` came from, for messages.
    public var source: String

    public init(bytes: Int, source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// The memory available now (read afresh on each call).
    public static func available() -> MemoryBudget {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let kB = meminfoValue(text, key: "MemAvailable") {
            let (bytes, overflow) = kB.multipliedReportingOverflow(by: 1024)
            return MemoryBudget(bytes: overflow ? Int.max : bytes, source: "MemAvailable in /proc/meminfo")
        }
        let physical = ProcessInfo.processInfo.physicalMemory
        return MemoryBudget(bytes: physical > UInt64(Int.max) ? Int.max : Int(physical), source: "physical memory")
    }

    /// The value in kB of `key:` in /proc/meminfo text (`MemAvailable:  8123456 kB`).
    static func meminfoValue(_ text: String, key: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let fields = line.dropFirst(key.count + 1).split(separator: " ")
            return fields.first.flatMap { Int($0) }
        }
        return nil
    }
}
