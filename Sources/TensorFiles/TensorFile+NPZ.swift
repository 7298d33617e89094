import Foundation
import ZIPFoundation

/// NumPy `.npz` archives: a zip (stored by `np.savez`, deflated by
/// `np.savez_compressed`) of `.npy` members, one per array, read with
/// ZIPFoundation. Each member's declared size is checked against the limit
/// before it is extracted, and the bytes actually extracted are counted while
/// inflating, so a zip bomb stops at the limit.
extension TensorFile {
    /// Decodes the bytes of an `.npz` archive. ZIPFoundation's in-memory
    /// archives trap on an offset past the end of the data, so the bytes are
    /// read from a private temporary file (mode 0600, removed as soon as the
    /// archive has opened it), where such an offset is only a failed read.
    public static func decodeNpz(_ data: Data, source: String, limits: TensorFileLimits = .default) throws -> TensorFile {
        guard data.count <= limits.maximumBytes else {
            throw TensorFileError(file: source, "the file has \(data.count) bytes, more than the limit of \(limits.maximumBytes)")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rlct-npz-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw TensorFileError(file: source, "cannot write a temporary copy of the archive in \(url.deletingLastPathComponent().path)")
        }
        return try decodeNpz(archiveAt: url, bytes: data, source: source, limits: limits, removeAfterOpening: true)
    }

    /// Decodes the `.npz` archive at `url`, whose contents are `bytes` (already
    /// checked to be within the limit).
    static func decodeNpz(archiveAt url: URL, bytes archiveBytes: Data, source: String, limits: TensorFileLimits,
                          removeAfterOpening: Bool = false) throws -> TensorFile {
        let archive: Archive
        do {
            defer { if removeAfterOpening { try? FileManager.default.removeItem(at: url) } }
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw TensorFileError(file: source, "not a readable zip archive (\(error)); expected an .npz file")
        }
        var tensors: [Tensor] = []
        var names = Set<String>()
        var budget = limits.maximumBytes
        for entry in archive {
            let path = entry.path
            let member = "\(source)/\(path)"
            guard tensors.count < limits.maximumTensors else {
                throw TensorFileError(file: source, "the archive has more than \(limits.maximumTensors) members")
            }
            guard entry.type == .file else {
                throw TensorFileError(file: member, "a \(entry.type == .directory ? "directory" : "symbolic link") in the archive; expected only .npy members")
            }
            guard path.hasSuffix(".npy") else {
                throw TensorFileError(file: member, "a member that is not an .npy file; expected name.npy")
            }
            let name = String(path.dropLast(4))
            guard names.insert(name).inserted else {
                throw TensorFileError(file: source, tensor: name, "the archive holds \(path) twice; expected unique names")
            }
            let declared = entry.uncompressedSize
            guard declared <= UInt64(budget) else {
                throw TensorFileError(file: member, tensor: name,
                                      "declares \(declared) bytes uncompressed, more than the \(budget) left of the limit of \(limits.maximumBytes)")
            }
            let cap = Int(declared)
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard bytes.count + chunk.count <= cap else { throw ExtractionOverflow() }
                    bytes.append(chunk)
                }
            } catch is ExtractionOverflow {
                throw TensorFileError(file: member, tensor: name,
                                      "inflates past its declared size of \(declared) bytes; the archive is corrupt")
            } catch {
                throw TensorFileError(file: member, tensor: name, "corrupt member (\(error)); expected a readable zip entry")
            }
            guard bytes.count == cap else {
                throw TensorFileError(file: member, tensor: name,
                                      "truncated: extracted \(bytes.count) bytes, the archive declares \(declared)")
            }
            budget -= cap
            var tensor = try decodeNpy(bytes, source: member, name: name, limits: limits)
            // Decoded Doubles count against the same budget as the extracted bytes.
            let decoded = ElementCodec.decodedBytes(count: tensor.count, dtype: tensor.dtype) ?? Int.max
            guard decoded <= budget else {
                throw TensorFileError(file: member, tensor: name, "decoding takes the archive past the limit of \(limits.maximumBytes) bytes")
            }
            budget -= decoded
            tensor.name = name
            tensors.append(tensor)
        }
        // ZIPFoundation ends its iteration quietly at an unreadable directory entry.
        if let declared = declaredMemberCount(archiveBytes), tensors.count < declared {
            throw TensorFileError(file: source, "the zip directory lists \(declared) members but only \(tensors.count) could be read; the archive is corrupt")
        }
        return TensorFile(source: source, format: .npz, tensors: tensors)
    }

    /// The member count of the end-of-central-directory record (the last
    /// `PK\u{5}\u{6}` within the 65 557 bytes a record and its comment can take),
    /// or nil when there is none or it defers to ZIP64 (0xFFFF).
    static func declaredMemberCount(_ data: Data) -> Int? {
        let bytes = [UInt8](data.suffix(22 + 65_535))
        guard bytes.count >= 22 else { return nil }
        for at in stride(from: bytes.count - 22, through: 0, by: -1)
        where bytes[at] == 0x50 && bytes[at + 1] == 0x4B && bytes[at + 2] == 0x05 && bytes[at + 3] == 0x06 {
            let count = Int(bytes[at + 10]) | Int(bytes[at + 11]) << 8
            return count == 0xFFFF ? nil : count
        }
        return nil
    }

    private struct ExtractionOverflow: Error {}
}
