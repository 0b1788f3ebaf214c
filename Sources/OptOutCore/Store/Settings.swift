/// A setting stored in the database (`optout config`), with its default and its check.
public struct SettingDefinition: Sendable {
    /// The key people type, e.g. `opt-out-applies-to`.
    public var key: String
    /// The value used while the setting is not set.
    public var defaultValue: String
    /// One line for `config list` and the docs.
    public var summary: String
    /// Returns the value to store (normalised), or throws a usage error saying what is allowed.
    public var validate: @Sendable (String) throws(OptOutError) -> String

    public init(
        key: String, defaultValue: String, summary: String,
        validate: @escaping @Sendable (String) throws(OptOutError) -> String
    ) {
        self.key = key
        self.defaultValue = defaultValue
        self.summary = summary
        self.validate = validate
    }
}

/// The settings this build knows.
public enum Settings {
    /// `opt-out-applies-to`: `marketing` (default) or `all` categories.
    public static let optOutAppliesTo = SettingDefinition(
        key: "opt-out-applies-to", defaultValue: "marketing",
        summary: "categories a customer opt-out suppresses: marketing or all"
    ) { value throws(OptOutError) in
        let lowered = value.lowercased()
        guard lowered == "marketing" || lowered == "all" else {
            throw OptOutError(.usage, "opt-out-applies-to must be 'marketing' or 'all', not '\(value)'")
        }
        return lowered
    }

    /// `default-country`: the ISO region national numbers are read in; empty for none.
    public static let defaultCountry = SettingDefinition(
        key: "default-country", defaultValue: "",
        summary: "ISO region for national numbers (e.g. US, MX); empty for none"
    ) { value throws(OptOutError) in
        if value.isEmpty { return "" }
        guard let region = Region(code: value) else {
            throw OptOutError(.usage, "default-country must be an ISO region such as US, MX, BR; '\(value)' is not one")
        }
        return region.code
    }

    /// Every setting, in the order `config list` shows them. Other folders append theirs here.
    public static var all: [SettingDefinition] { [optOutAppliesTo, defaultCountry] + extra }

    /// Settings defined by other features (keywords, replies).
    static let extra: [SettingDefinition] = IngestSettings.all

    /// The definition for `key`, or a usage error listing the known keys.
    public static func definition(_ key: String) throws(OptOutError) -> SettingDefinition {
        guard let found = all.first(where: { $0.key == key }) else {
            throw OptOutError(.usage, "unknown setting '\(key)'; known: \(all.map(\.key).joined(separator: ", "))")
        }
        return found
    }
}

extension OptOutStore {
    /// The value of a setting: the stored one, or its default.
    public func setting(_ definition: SettingDefinition) throws(OptOutError) -> String {
        try storedSetting(definition.key) ?? definition.defaultValue
    }

    /// The stored value of `key`, nil when unset.
    public func storedSetting(_ key: String) throws(OptOutError) -> String? {
        try mapErrors { try database.scalarText("SELECT value FROM settings WHERE key = ?", [.text(key)]) }
    }

    /// Validates and stores a setting; returns the stored value.
    @discardableResult
    public func setSetting(_ definition: SettingDefinition, to value: String) throws(OptOutError) -> String {
        let stored = try definition.validate(value)
        try write {
            try database.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [.text(definition.key), .text(stored)])
        }
        return stored
    }

    /// Removes a stored setting so its default applies again.
    public func resetSetting(_ definition: SettingDefinition) throws(OptOutError) {
        try write { try database.execute("DELETE FROM settings WHERE key = ?", [.text(definition.key)]) }
    }

    /// The sending rules the settings give, with `--require-opt-in` from the caller.
    public func sendingPolicy(requireOptIn: Bool = false) throws(OptOutError) -> SendingPolicy {
        SendingPolicy(optOutAppliesToAll: try setting(Settings.optOutAppliesTo) == "all", requireOptIn: requireOptIn)
    }
}
