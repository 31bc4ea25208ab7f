using System.Runtime.InteropServices;

namespace Minnow.Runtime.Platform;

/// <summary>
/// An image has no file system: opening, statting, listing or reading a link finds nothing, and the
/// calls on open files fail with EBADF (no descriptor can refer to a file). The class library then
/// behaves as on a Linux machine without the files: TimeZoneInfo.Local, which looks for
/// /etc/localtime, TZ and /usr/share/zoneinfo, falls back to UTC.
/// </summary>
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

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_OpenDir")]
    private static nint OpenDir(byte* path)
    {
        Errno.Current = Errno.ENOENT;
        return 0; // NULL, as opendir(3) fails
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_ReadDir")]
    private static int ReadDir(void* directory, void* entry) => -1; // end of the (empty) listing

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_CloseDir")]
    private static int CloseDir(void* directory) => Errno.Fail(Errno.EBADF);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_ReadLink")]
    private static int ReadLink(byte* path, byte* buffer, int size) => Errno.Fail(Errno.ENOENT);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FTruncate")]
    private static int FTruncate(nint fd, long length) => Errno.Fail(Errno.EBADF);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FAllocate")]
    private static int FAllocate(nint fd, long offset, long length) => Errno.Fail(Errno.EBADF);

    /// <summary>Returns the error number itself, as posix_fadvise does.</summary>
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_PosixFAdvise")]
    private static int PosixFAdvise(nint fd, long offset, long length, int advice) => Errno.EBADF;

    /// <summary>0: the file system type is unknown (its statfs failed).</summary>
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetFileSystemType")]
    private static uint GetFileSystemType(nint fd) => 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_CanGetHiddenFlag")]
    private static int CanGetHiddenFlag() => 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LChflagsCanSetHiddenFlag")]
    private static int LChflagsCanSetHiddenFlag() => 0;
}
