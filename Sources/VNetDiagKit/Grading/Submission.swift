import Foundation

/// One student's submission: every readable file under its folder (or the archive or file it is),
/// with what could not be read and why.
public struct Submission: Sendable {
    public let name: String
    public let documents: [InputDocument]
    public let problems: [String]

    /// Equal for two submissions with the same contents, whatever their file names.
    public var fingerprint: UInt64 {
        let hashes = documents.map { Self.fnv1a($0.bytes.filter { $0 != 0x0D }) }.sorted()
        return hashes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ $1) &* 0x100_0000_01b3 }
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// Finds and reads submissions under a class folder. Links that leave the submission are not
/// followed, links to folders are not followed, archives are unpacked in memory (ArchiveReader),
/// large files are cut: a bad submission never stops the others.
public struct SubmissionReader: Sendable {
    public var input = InputReader()
    public var archives = ArchiveReader()

    public init() {}

    /// Each visible sub-folder and each top-level file (a single paste or an archive), sorted.
    public static func submissionNames(in root: String) throws(InputError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else {
            throw .unreadable(path: root, reason: "cannot list the submissions folder")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    public func read(root: String, name: String) -> Submission {
        let base = URL(fileURLWithPath: root).appendingPathComponent(name).standardizedFileURL
        var documents: [InputDocument] = [], problems: [String] = []
        visit(base, relative: [], submission: base.path, display: name, documents: &documents, problems: &problems)
        return Submission(name: name, documents: documents, problems: problems)
    }

    func visit(_ url: URL, relative: [String], submission: String, display: String,
               documents: inout [InputDocument], problems: inout [String]) {
        let shown = ([display] + relative).joined(separator: "/")
        let path = url.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            problems.append("\(shown): cannot be read")
            return
        }
        var target = url
        var type = attributes[.type] as? FileAttributeType
        if type == .typeSymbolicLink {
            let resolved = url.resolvingSymlinksInPath().standardizedFileURL
            guard resolved.path == submission || resolved.path.hasPrefix(submission + "/") else {
                problems.append("\(shown): a link that leaves the submission, not followed")
                return
            }
            // A link that cannot be resolved stays a link (or nothing) after resolving.
            guard let resolvedType = (try? FileManager.default.attributesOfItem(atPath: resolved.path))?[.type] as? FileAttributeType,
                  resolvedType != .typeSymbolicLink else {
                problems.append("\(shown): a broken link")
                return
            }
            if resolvedType == .typeDirectory {
                problems.append("\(shown): a link to a folder, not followed")
                return
            }
            (target, type) = (resolved, resolvedType)
        }
        if type != .typeDirectory, type != .typeRegular {
            // A pipe or a device would block the reader or never end.
            problems.append("\(shown): not a regular file, not read")
            return
        }
        if type == .typeDirectory {
            guard let children = try? FileManager.default.contentsOfDirectory(atPath: target.path) else {
                problems.append("\(shown): the folder cannot be listed")
                return
            }
            for child in children.sorted() where !child.hasPrefix(".") && !InputReader.metadataFileNames.contains(child) {
                visit(target.appendingPathComponent(child), relative: relative + [child], submission: submission, display: display,
                      documents: &documents, problems: &problems)
            }
            return
        }
        let fileName = relative.last ?? url.lastPathComponent
        let folders = Array(relative.dropLast())
        if ArchiveReader.isArchive(fileName) {
            guard let data = FileManager.default.contents(atPath: target.path) else {
                problems.append("\(shown): cannot be read")
                return
            }
            let (entries, refused) = archives.read(Array(data), name: shown)
            problems += refused
            let wrapper = Self.commonTopFolder(entries.map(\.path))
            for entry in entries {
                var parts = entry.path.split(separator: "/").map(String.init)
                if wrapper != nil { parts.removeFirst() }
                guard let file = parts.last, !file.hasPrefix(".") else { continue }
                documents.append(InputDocument(name: ([shown] + parts).joined(separator: "/"), bytes: entry.bytes,
                                               truncated: entry.truncated, wasCompressed: true, folders: folders + parts.dropLast()))
            }
            return
        }
        do {
            var document = try input.readFile(target.path, displayName: shown)
            document.folders = folders
            if let warning = document.shortReadWarning(maxBytes: input.maxBytesPerInput) { problems.append(warning) }
            documents.append(document)
        } catch {
            problems.append(error.description)
        }
    }

    /// `alumno1/host/x.txt`, `alumno1/guest/y.txt` → `alumno1`: a zip of the student's folder.
    static func commonTopFolder(_ paths: [String]) -> String? {
        let firsts = Set(paths.map { $0.split(separator: "/").count > 1 ? String($0.split(separator: "/")[0]) : "" })
        guard firsts.count == 1, let only = firsts.first, !only.isEmpty else { return nil }
        return only
    }
}
