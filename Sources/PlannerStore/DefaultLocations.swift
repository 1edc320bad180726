import Foundation

/// Where the database and the key file live when the user doesn't say. The CLI passes its
/// environment in (library code never reads it); tests pass a dictionary.
///
/// The key is kept under the configuration folder and the database under the data folder, so
/// that copying or backing up the data folder does not copy the key along with the data.
public enum DefaultLocations {
    /// `$PLANNER_DATABASE`, else `$XDG_DATA_HOME/planner/planner.sqlite`, else
    /// `$HOME/.local/share/planner/planner.sqlite`; nil without any of them.
    public static func database(environment: [String: String]) -> URL? {
        if let path = nonEmpty(environment["PLANNER_DATABASE"]) { return URL(fileURLWithPath: path) }
        if let data = nonEmpty(environment["XDG_DATA_HOME"]) { return URL(fileURLWithPath: data).appendingPathComponent("planner/planner.sqlite") }
        if let home = nonEmpty(environment["HOME"]) { return URL(fileURLWithPath: home).appendingPathComponent(".local/share/planner/planner.sqlite") }
        return nil
    }

    /// `$PLANNER_KEY_FILE`, else `$XDG_CONFIG_HOME/planner/planner.key`, else
    /// `$HOME/.config/planner/planner.key`; nil without any of them.
    public static func keyFile(environment: [String: String]) -> URL? {
        if let path = nonEmpty(environment["PLANNER_KEY_FILE"]) { return URL(fileURLWithPath: path) }
        if let config = nonEmpty(environment["XDG_CONFIG_HOME"]) { return URL(fileURLWithPath: config).appendingPathComponent("planner/planner.key") }
        if let home = nonEmpty(environment["HOME"]) { return URL(fileURLWithPath: home).appendingPathComponent(".config/planner/planner.key") }
        return nil
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
