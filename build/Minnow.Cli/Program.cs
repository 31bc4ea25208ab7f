using System.CommandLine;
using Minnow.Build;
using Minnow.Cli;

var root = new RootCommand("Minnow: C# programs as bootable unikernel images")
{
    BuildCommand.Create(),
    RunCommand.Create(),
    DebugCommand.Create(),
};
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (BuildException e)
{
    Console.Error.WriteLine($"minnow: error: {e.Message}");
    return 1;
}
