using Minnow.Kernel;

namespace Minnow.Runtime;

/// <summary>Loud failure for what the runtime does not do yet: the name is in the panic report.</summary>
internal static class RuntimeFailure
{
    public static void MissingImport(string name)
    {
        Minnow.Kernel.Console.KernelLog.Write("runtime import not implemented yet: ");
        Minnow.Kernel.Console.KernelLog.WriteLine(name);
        Panic.Fail(name);
    }

    public static void NotYetSupported(string what) => Panic.Fail(what);
}
