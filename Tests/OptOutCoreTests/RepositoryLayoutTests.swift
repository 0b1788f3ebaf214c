#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import OptOutTestSupport
import Testing

/// The rules of the repository's shape that keep it easy to carry on: checked on the source tree, so
/// that a change that breaks one fails here with the file that broke it.
@Suite struct RepositoryLayoutTests {
    /// The repository root.
    static let root = Fixture.repositoryRoot

    /// Every file under `folder` (relative to the root) whose name ends with one of `endings`.
    static func files(under folder: String, endings: [String]) -> [String] {
        let base = root + "/" + folder
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var result: [String] = []
        while let name = walker.nextObject() as? String {
            if name.hasPrefix(".build") { walker.skipDescendants(); continue }
            if endings.contains(where: name.hasSuffix) { result.append(folder + "/" + name) }
        }
        return result.sorted()
    }

    static func text(_ path: String) -> String {
        (FileManager.default.contents(atPath: root + "/" + path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test func onlyTheSQLiteFolderImportsCSQLite() {
        let swift = Self.files(under: "Sources", endings: [".swift"])
        #expect(swift.count > 50)
        for file in swift where Self.text(file).contains("import CSQLite") {
            #expect(file.hasPrefix("Sources/OptOutCore/SQLite/"), "\(file) imports CSQLite")
        }
    }

    /// libcrypto is opened at run time, in one file, so that no command but a signed webhook loads it.
    @Test func onlyLibCryptoOpensALibrary() {
        let swift = Self.files(under: "Sources", endings: [".swift"]) + Self.files(under: "Tests", endings: [".swift"])
        #expect(swift.contains("Sources/OptOutCore/Crypto/LibCrypto.swift"))
        for file in swift where file != "Tests/OptOutCoreTests/RepositoryLayoutTests.swift" && Self.text(file).contains("dlopen(") {
            #expect(file == "Sources/OptOutCore/Crypto/LibCrypto.swift", "\(file) opens a library")
        }
        #expect(!Self.text("Package.swift").contains("crypto"), "Package.swift links libcrypto")
    }

    @Test func onlyThePlatformFileNamesTheCLibrary() {
        for file in Self.files(under: "Sources", endings: [".swift"]) + Self.files(under: "Tests", endings: [".swift"])
        where file != "Sources/OptOutPlatform/Platform.swift" {
            let text = Self.text(file)
            for library in ["Glibc", "Musl", "Darwin"] {
                #expect(!text.contains("import \(library)") && !text.contains("canImport(\(library))")
                    && !text.contains("\(library).read"), "\(file) names \(library)")
            }
        }
    }

    @Test func nothingPointsOutsideTheRepository() {
        let outside = ".." + "/shared"
        let folders = ["Sources", "Tests", "Scripts", "Benchmarks", "Docs", ".ci"]
        let files = folders.flatMap { Self.files(under: $0, endings: [".swift", ".py", ".sh", ".md", "run"]) }
            + ["README.md", "Package.swift"]
        #expect(files.count > 60)
        for file in files {
            #expect(!Self.text(file).contains(outside), "\(file) refers to \(outside)")
            #expect(!Self.text(file).contains("SPEC" + ".md"), "\(file) refers to a contract outside the repository")
        }
    }

    @Test func everyTypeIsInAFileNamedAfterIt() throws {
        let declaration = try Regex(#"(?m)^(?:public |internal )?(?:final )?(?:struct|enum|class|protocol) ([A-Za-z0-9]+)"#)
        for file in Self.files(under: "Sources", endings: [".swift"]) where !file.hasSuffix(".generated.swift") {
            let name = String(file.split(separator: "/").last!.dropLast(6))
            let types = Self.text(file).matches(of: declaration).compactMap { $0.output[1].substring.map(String.init) }
            #expect(types.allSatisfy { $0 == name }, "\(file) declares \(types)")
        }
    }
}
