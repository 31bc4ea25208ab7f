using System.Runtime;
using System.Runtime.CompilerServices;

namespace Minnow.Runtime.Handles;

/// <summary>The GC handle helpers behind GCHandle, WeakReference and DependentHandle.</summary>
internal static unsafe class GcHandleExports
{
    [RuntimeExport("RhpHandleAlloc")]
    private static nint HandleAlloc(object? obj, int type) => GcHandleTable.Allocate(AddressOf(obj), type);

    [RuntimeExport("RhpHandleAllocDependent")]
    private static nint HandleAllocDependent(object? primary, object? secondary) =>
        GcHandleTable.Allocate(AddressOf(primary), GcHandleTable.TypeDependent, AddressOf(secondary));

    [RuntimeExport("RhHandleFree")]
    private static void HandleFree(nint handle) => GcHandleTable.Free(handle);

    [RuntimeExport("RhHandleSet")]
    private static void HandleSet(nint handle, object? obj) => GcHandleTable.Set(handle, AddressOf(obj));

    [RuntimeExport("RhHandleGetDependent")]
    private static nint HandleGetDependent(nint handle, nint* secondary)
    {
        nint primary = GcHandleTable.GetDependent(handle, out nint second);
        *secondary = second;
        return primary;
    }

    [RuntimeExport("RhHandleSetDependentSecondary")]
    private static void HandleSetDependentSecondary(nint handle, object? secondary) =>
        GcHandleTable.SetDependentSecondary(handle, AddressOf(secondary));

    private static nint AddressOf(object? obj) => Unsafe.As<object?, nint>(ref obj);
}
