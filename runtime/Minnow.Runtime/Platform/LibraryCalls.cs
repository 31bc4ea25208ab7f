using System.Runtime.InteropServices;
using Minnow.Runtime.Memory;

namespace Minnow.Runtime.Platform;

/// <summary>
/// An image is one statically linked program: there are no shared libraries to load and no
/// executable path. Loading fails with a message (NativeLibrary then throws DllNotFoundException),
/// as on a Linux machine without the library.
/// </summary>
internal static unsafe class LibraryCalls
{
    private static ReadOnlySpan<byte> LoadError => "a Minnow image has no shared libraries to load (everything is linked in at build time)\0"u8;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LoadLibrary")]
    private static void* LoadLibrary(byte* fileName) => null;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetProcAddress")]
    private static void* GetProcAddress(void* handle, byte* symbol) => null;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FreeLibrary")]
    private static void FreeLibrary(void* handle)
    {
    }

    /// <summary>A copy the caller frees (SystemNative_Free), as dlerror's text is copied by the stock PAL.</summary>
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetLoadLibraryError")]
    private static byte* GetLoadLibraryError()
    {
        byte* copy = (byte*)NativeHeap.Allocate((nuint)LoadError.Length);
        if (copy != null)
            LoadError.CopyTo(new Span<byte>(copy, LoadError.Length));
        return copy;
    }

    /// <summary>No file the program was loaded from: Environment.ProcessPath is null.</summary>
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetProcessPath")]
    private static byte* GetProcessPath() => null;
}
