/// OptOutCore: the opt-out list's behaviour. It never prints.
public enum OptOutCoreVersion {
    public static let string = "0.1.0"
}
