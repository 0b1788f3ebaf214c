import OptOutCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(OptOutCommandLine.main(arguments: CommandLine.arguments))
