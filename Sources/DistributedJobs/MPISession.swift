#if MPI
import CMPI
import Dispatch
import Foundation

/// The one thread of this process that calls MPI: it initialises MPI
/// (`MPI_THREAD_FUNNELED`: only this thread makes MPI calls), runs the work it
/// is given (the coordinator loop on rank 0, the worker loop elsewhere), waits
/// for every rank in a non-blocking barrier polled with sleeps (Open MPI's
/// blocking calls spin a core, which would slow the ranks still computing on
/// an oversubscribed node), and finalises. One session per process.
final class MPISession: @unchecked Sendable {
    private(set) var rank = 0
    private(set) var size = 1
    private var work: (@Sendable () -> Void)?
    private let lock = NSLock()
    private let initialised = DispatchSemaphore(value: 0)
    private let workGiven = DispatchSemaphore(value: 0)
    private let finalised = DispatchSemaphore(value: 0)

    /// Starts the MPI thread and waits until MPI is initialised.
    init() {
        let thread = Thread { [self] in main() }
        thread.name = "rlct-mpi"
        thread.stackSize = 8 << 20
        thread.start()
        initialised.wait()
    }

    private func main() {
        var provided: Int32 = 0
        MPI_Init_thread(nil, nil, cmpi_thread_funneled(), &provided)
        var r: Int32 = 0, s: Int32 = 0
        MPI_Comm_rank(cmpi_comm_world(), &r)
        MPI_Comm_size(cmpi_comm_world(), &s)
        rank = Int(r)
        size = Int(s)
        initialised.signal()
        workGiven.wait()
        lock.lock()
        let body = work
        lock.unlock()
        body?()
        var request: MPI_Request? = nil
        MPI_Ibarrier(cmpi_comm_world(), &request)
        MPIMessages.wait(for: &request)
        MPI_Finalize()
        finalised.signal()
    }

    /// Hands `body` to the MPI thread (once); the thread finalises MPI after it.
    func start(_ body: @escaping @Sendable () -> Void) {
        lock.lock()
        work = body
        lock.unlock()
        workGiven.signal()
    }

    /// Returns once every rank has finished and MPI is finalised.
    func finalisedAll() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                self.finalised.wait()
                c.resume()
            }
        }
    }

    /// Ends the whole job (every rank) with `message` on standard error.
    func abort(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: rank \(rank): \(message)\n".utf8))
        MPI_Abort(cmpi_comm_world(), 2)
        exit(2)
    }

    /// The MPI library's own version line (callable before MPI_Init).
    static func libraryVersion() -> String {
        var buffer = [CChar](repeating: 0, count: Int(cmpi_max_library_version_string()) + 1)
        var length: Int32 = 0
        MPI_Get_library_version(&buffer, &length)
        let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? text
    }
}

/// The two messages of the queue and the polling receive.
///   report (worker → 0): job (−1: ready), status (0 ok, 1 failed; in the ready message the worker's job count),
///                        the job's seconds, then the encoded result or the error's text;
///   assign (0 → worker): the job index, −1 when none is left.
enum MPIMessages {
    static let reportTag: Int32 = 1
    static let assignTag: Int32 = 2

    struct Report {
        var job: Int64
        var status: Int64
        var seconds: Double
        var payload: [UInt8]

        var bytes: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(24 + payload.count)
            withUnsafeBytes(of: job.littleEndian) { out += $0 }
            withUnsafeBytes(of: status.littleEndian) { out += $0 }
            withUnsafeBytes(of: seconds.bitPattern.littleEndian) { out += $0 }
            return out + payload
        }

        init(job: Int64, status: Int64, seconds: Double, payload: [UInt8]) {
            self.job = job
            self.status = status
            self.seconds = seconds
            self.payload = payload
        }

        init?(_ bytes: [UInt8]) {
            guard bytes.count >= 24 else { return nil }
            func word(_ at: Int) -> UInt64 {
                (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
            }
            job = Int64(bitPattern: word(0))
            status = Int64(bitPattern: word(8))
            seconds = Double(bitPattern: word(16))
            payload = Array(bytes[24...])
        }
    }

    static func send(_ bytes: [UInt8], to rank: Int32, tag: Int32) {
        bytes.withUnsafeBufferPointer { b in
            _ = MPI_Send(b.baseAddress, Int32(b.count), cmpi_byte(), rank, tag, cmpi_comm_world())
        }
    }

    static func sendAssign(_ job: Int64, to rank: Int32) {
        withUnsafeBytes(of: job.littleEndian) { send(Array($0), to: rank, tag: assignTag) }
    }

    /// Waits (sleeping between probes, up to 2 ms) for a message with `tag`
    /// from `source` (any source when nil) and returns its sender and bytes.
    static func receive(tag: Int32, from source: Int32? = nil) -> (source: Int32, bytes: [UInt8]) {
        var status = MPI_Status()
        var flag: Int32 = 0
        var pause: UInt32 = 20
        while true {
            MPI_Iprobe(source ?? cmpi_any_source(), tag, cmpi_comm_world(), &flag, &status)
            if flag != 0 { break }
            usleep(pause)
            pause = min(pause * 2, 2000)
        }
        var count: Int32 = 0
        MPI_Get_count(&status, cmpi_byte(), &count)
        var bytes = [UInt8](repeating: 0, count: Int(count))
        let from = status.MPI_SOURCE
        bytes.withUnsafeMutableBufferPointer { b in
            _ = MPI_Recv(b.baseAddress, count, cmpi_byte(), from, tag, cmpi_comm_world(), cmpi_status_ignore())
        }
        return (from, bytes)
    }

    /// Polls a request to completion with sleeps instead of a spinning MPI_Wait.
    static func wait(for request: inout MPI_Request?) {
        var done: Int32 = 0
        var pause: UInt32 = 100
        while true {
            MPI_Test(&request, &done, cmpi_status_ignore())
            if done != 0 { return }
            usleep(pause)
            pause = min(pause * 2, 5000)
        }
    }
}
#endif
