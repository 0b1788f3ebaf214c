/// The `optout` command line: parses arguments and runs one subcommand.
public enum OptOutCommandLine {
    /// Runs the command line and returns the process exit status.
    public static func main(arguments: [String]) -> Int32 { 0 }
}
