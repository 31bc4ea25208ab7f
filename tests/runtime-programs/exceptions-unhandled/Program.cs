// An exception nobody catches: the program's output so far stands, the runtime prints the
// exception's type, message and stack trace to standard error, and the process ends with status
// 134, as .NET on Linux does (SIGABRT). Handlers that do not match are passed over. (There is no
// finally block on the way: CoreCLR runs those before ending the process, NativeAOT, whose
// dispatcher Minnow uses, does not.)
using System;
using System.Runtime.CompilerServices;

class Program
{
    sealed class ConfigurationMissingException(string key) : Exception($"configuration key '{key}' is missing");

    static int Main()
    {
        Console.WriteLine("starting");
        try
        {
            Load("database");
        }
        catch (FormatException)
        {
            Console.WriteLine("not this handler");
        }
        Console.WriteLine("not reached");
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Load(string key)
    {
        Console.WriteLine($"loading {key}");
        Lookup(key);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Lookup(string key) => throw new ConfigurationMissingException(key);
}
