namespace Internal.Runtime.CompilerHelpers;

/// <summary>
/// ilc's hook for an <c>--initassembly</c>: the generated __managed__Main calls each listed
/// assembly's LibraryInitializer.InitializeLibrary, in order, after CoreLib's own (which sets up
/// class constructors) and before the program's Main. Minnow.Runtime is listed last, so the class
/// library is fully usable here: this is where the network comes up.
/// </summary>
internal static class LibraryInitializer
{
    public static void InitializeLibrary() => Minnow.Runtime.Networking.NetworkStartup.Start();
}
