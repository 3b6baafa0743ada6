import Foundation

/// A fresh folder under the system temporary folder, removed when the value is dropped by `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "digestd-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) {
        FileManager.default.createFile(atPath: path + "/" + name, contents: Data(text.utf8))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
