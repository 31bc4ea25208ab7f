using System.Runtime;
using Minnow.Kernel.Boot;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Modules;

/// <summary>
/// Module and type-manager lookups CoreLib's startup (InitializeModules) and reflection-free
/// paths call. An image is one OS module: the osModule handle is the image's start address.
/// </summary>
internal static unsafe class ModuleExports
{
    private const int MaxModules = 4;
    private static TypeManager* s_typeManagers;
    private static int s_typeManagerCount;
    private static nint s_osModule;

    public static TypeManager* TypeManagerAt(int index) => index < s_typeManagerCount ? &s_typeManagers[index] : null;

    [RuntimeExport("RhpRegisterOsModule")]
    private static nint RegisterOsModule(nint osModule)
    {
        s_osModule = osModule;
        return osModule;
    }

    [RuntimeExport("RhpCreateTypeManager")]
    private static TypeManager* CreateTypeManager(nint osModule, byte* header, nint* classlibFunctions, int count)
    {
        if (!ReadyToRunHeader.IsValid(header))
            return null;
        if (s_typeManagers == null)
            s_typeManagers = (TypeManager*)NativeHeap.AllocateZeroed(MaxModules, (nuint)sizeof(TypeManager));
        if (s_typeManagers == null || s_typeManagerCount == MaxModules)
            return null;
        TypeManager* manager = &s_typeManagers[s_typeManagerCount++];
        manager->OsModule = osModule;
        manager->Header = header;
        manager->ClasslibFunctions = classlibFunctions;
        manager->ClasslibFunctionCount = count;
        return manager;
    }

    [RuntimeExport("RhpGetModuleSection")]
    private static nint GetModuleSection(TypeManager** handle, int sectionId, int* length)
    {
        nint start = ReadyToRunHeader.FindSection((*handle)->Header, sectionId, out int found);
        *length = found;
        return start;
    }

    // Blobs are sections 300 + id (stack-trace and reflection metadata).
    [RuntimeExport("RhFindBlob")]
    private static bool FindBlob(TypeManager** handle, uint blobId, byte** blob, uint* length)
    {
        nint start = ReadyToRunHeader.FindSection((*handle)->Header, 300 + (int)blobId, out int found);
        *blob = (byte*)start;
        *length = (uint)found;
        return start != 0;
    }

    [RuntimeExport("RhGetOSModuleFromPointer")]
    private static nint GetOsModuleFromPointer(nint pointer)
    {
        ulong p = (ulong)pointer;
        return p >= LinkerSymbols.ImageStart() && p < LinkerSymbols.ImageEnd() ? s_osModule : 0;
    }

    [RuntimeExport("RhGetModuleFileName")]
    private static int GetModuleFileName(nint osModule, byte** name)
    {
        byte* argv0 = CommandLine.ArgumentCount > 0 ? CommandLine.Arguments[0] : null;
        *name = argv0;
        int n = 0;
        while (argv0 != null && argv0[n] != 0)
            n++;
        return n;
    }

    // No jump stubs or unboxing thunks need decoding: ilc's direct calls already point at the code.
    [RuntimeExport("RhGetCodeTarget")]
    private static nint GetCodeTarget(nint code) => code;

    [RuntimeExport("RhGetTargetOfUnboxingAndInstantiatingStub")]
    private static nint GetTargetOfUnboxingAndInstantiatingStub(nint code) => 0;

    // Frozen segments hold preinitialised objects that are never collected or moved; remembering
    // them matters once the collector must skip them. The handle is the segment start.
    [RuntimeExport("RhRegisterFrozenSegment")]
    private static nint RegisterFrozenSegment(nint start, nuint allocated, nuint committed, nuint reserved) =>
        FrozenSegments.Register(start, allocated, reserved);

    [RuntimeExport("RhUpdateFrozenSegment")]
    private static void UpdateFrozenSegment(nint segment, nint allocated, nint committed) =>
        FrozenSegments.Update(segment, allocated);
}
