import OptOutPlatform

/// Where the database lives: `--db`, else `OPTOUT_DB`, else the XDG data folder (contract §5).
public struct DatabaseLocation: Sendable, Equatable {
    public var path: String
    /// True for the XDG default: no path was given, so creating it on first use is what was asked.
    public var isDefault: Bool

    /// The path to use, and whether it is the default (whose folder is created when missing).
    public static func resolve(explicit: String?, environment: [String: String]) throws(OptOutError) -> DatabaseLocation {
        if let explicit, !explicit.isEmpty { return DatabaseLocation(path: explicit, isDefault: false) }
        if let fromEnvironment = environment["OPTOUT_DB"], !fromEnvironment.isEmpty {
            return DatabaseLocation(path: fromEnvironment, isDefault: false)
        }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            dataHome = home + "/.local/share"
        } else {
            throw OptOutError(.usage, .noDatabaseLocation)
        }
        let folder = dataHome + "/optout"
        try createFolder(folder)
        return DatabaseLocation(path: folder + "/optout.sqlite", isDefault: true)
    }

    /// Creates `path` and its missing parents with mode 0700.
    static func createFolder(_ path: String) throws(OptOutError) {
        var prefix = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw OptOutError(.cannotCreate, "cannot create folder \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }
}
