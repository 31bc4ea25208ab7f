using System.Runtime.InteropServices;

namespace Minnow.Runtime.Platform;

/// <summary>An image has no file system: opening or statting a path finds nothing.</summary>
internal static unsafe class FileSystemCalls
{
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Open")]
    private static nint Open(byte* path, int flags, int mode) => Errno.Fail(Errno.ENOENT);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Stat")]
    private static int Stat(byte* path, void* status) => Errno.Fail(Errno.ENOENT);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LStat")]
    private static int LStat(byte* path, void* status) => Errno.Fail(Errno.ENOENT);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Unlink")]
    private static int Unlink(byte* path) => Errno.Fail(Errno.ENOENT);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_PRead")]
    private static int PRead(nint fd, byte* buffer, int count, long offset) => Errno.Fail(Errno.EBADF);
}
