import OptOutCLI
import OptOutPlatform

exit(OptOutCommandLine.main(arguments: CommandLine.arguments))
