// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Folio",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "folio", targets: ["folio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Pure rules: model types and decisions, no I/O, "today" always passed in.
        .target(name: "FolioDomain"),
        // zlib, module map and shim only: the health history's blocks are deflated.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // SQLite through GRDB: migrations, records, queries, CSV import, the engine run.
        .target(
            name: "FolioStore",
            dependencies: [
                "FolioDomain",
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The interface without curses: canvas, styles, terminal-safe text, views, the user's keys.
        .target(name: "FolioTUI", dependencies: ["FolioStore", .product(name: "Yams", package: "Yams")]),
        // ncursesw, module map and shim only.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The only importer of CNcursesw: terminal setup/restore, keys, drawing.
        .target(name: "FolioTerminal", dependencies: ["FolioTUI", "CNcursesw"]),
        // Starts a session's child in a pseudo-terminal of its own (fork, setsid, TIOCSCTTY, exec).
        .target(name: "CSessionTerminal"),
        // The built-in SSH server (`folio serve`): keys, auth, limits, a child in a pty per session. No curses.
        .target(
            name: "FolioServe",
            dependencies: [
                "CSessionTerminal",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "folio",
            dependencies: [
                "FolioTerminal",
                "FolioServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // SampleData/ inside the binary, so a copy of it runs anywhere (README, "Install").
            plugins: ["EmbedSampleData"]
        ),
        // Writes a folder's files into a Swift source as text; the plugin below runs it at build time.
        .executableTarget(name: "EmbedFiles"),
        .plugin(name: "EmbedSampleData", capability: .buildTool(), dependencies: ["EmbedFiles"]),
        .testTarget(name: "FolioDomainTests", dependencies: ["FolioDomain"]),
        .testTarget(name: "FolioStoreTests", dependencies: ["FolioStore"]),
        .testTarget(name: "FolioTUITests", dependencies: ["FolioTUI"]),
        .testTarget(name: "FolioTerminalTests", dependencies: ["FolioTerminal"]),
        .testTarget(name: "FolioServeTests", dependencies: ["FolioServe"]),
        // Runs the real `folio` binary (built because the target depends on it).
        .testTarget(name: "FolioEndToEndTests", dependencies: ["FolioStore", "FolioTUI", "folio"]),
    ]
)
