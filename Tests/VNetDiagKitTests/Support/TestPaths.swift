import Foundation

/// Where the package, its fixtures and the shared reference folder are, from this file's path.
enum TestPaths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// `../shared` beside the checkout (CI lays a copy there), or `VNETDIAG_SHARED`.
    static let shared: URL = {
        if let override = ProcessInfo.processInfo.environment["VNETDIAG_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static let jcFixtures = shared.appendingPathComponent("peer-fixtures/jc")

    static let binary = packageRoot.appendingPathComponent(".build/debug/vnetdiag")

    /// The text of every file under the project's fixtures and the jc fixtures (files under 4 MB):
    /// real captures for the fast-path tests to compare against the patterns.
    static let capturedTexts: [String] = {
        var texts: [String] = []
        for root in [fixtures, jcFixtures] {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker {
                guard let data = try? Data(contentsOf: url), data.count < 4 << 20 else { continue }
                texts.append(String(decoding: data, as: UTF8.self))
            }
        }
        return texts
    }()

    /// Sub-folders of `folder` (sorted, relative) that contain a file named `marker`.
    static func folders(under folder: URL, containing marker: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [String] = []
        for case let url as URL in enumerator where url.lastPathComponent == marker {
            let directory = url.deletingLastPathComponent().standardizedFileURL.path
            found.append(String(directory.dropFirst(folder.standardizedFileURL.path.count + 1)))
        }
        return found.sorted()
    }
}
