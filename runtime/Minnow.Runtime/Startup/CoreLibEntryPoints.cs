using System.Runtime.InteropServices;

namespace Minnow.Runtime.Startup;

/// <summary>
/// Entry points ilc compiles into every image (CoreLib's InitializeModules, the generated
/// __managed__Main) and the callback table built by the stub generator. Bound statically.
/// </summary>
internal static unsafe class CoreLibEntryPoints
{
    public const int ClasslibFunctionCount = 12;
    public const int ThreadEntryPointIndex = 2;

    [DllImport("minnow", EntryPoint = "InitializeModules")]
    public static extern void InitializeModules(nint osModule, nint* moduleHeaders, int count, nint* classlibFunctions, int classlibFunctionCount);

    [DllImport("minnow", EntryPoint = "__managed__Main")]
    public static extern int ManagedMain(int argc, byte** argv);

    [DllImport("minnow", EntryPoint = "minnow_classlib_function_table"), SuppressGCTransition]
    public static extern nint* ClasslibFunctions();
}
