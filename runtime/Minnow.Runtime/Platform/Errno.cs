using Minnow.Kernel.Threading;

namespace Minnow.Runtime.Platform;

/// <summary>
/// errno for the SystemNative_* calls, with Linux numbers (what the same program sees on Linux) and
/// their mapping to the class library's PAL codes (Interop.Error: 0x10000 + n).
/// </summary>
internal static class Errno
{
    public const int ENOENT = 2, EBADF = 9, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EINVAL = 22,
        ENOTTY = 25, ESPIPE = 29, EPIPE = 32, ERANGE = 34, ENOSYS = 38;

    /// <summary>The calling thread's errno, kept in its control block as libc keeps it in TLS.</summary>
    public static unsafe int Current
    {
        get => Scheduler.Current->Errno;
        set => Scheduler.Current->Errno = value;
    }

    public static int Fail(int errno)
    {
        Current = errno;
        return -1;
    }

    public static int ToPal(int platform) => platform switch
    {
        0 => 0,
        ENOENT => 0x1002D,
        EBADF => 0x10008,
        EAGAIN => 0x10006,
        ENOMEM => 0x10031,
        EACCES => 0x10002,
        EINVAL => 0x1001C,
        ENOTTY => 0x1003E,
        ESPIPE => 0x10049,
        EPIPE => 0x10043,
        ERANGE => 0x10047,
        ENOSYS => 0x10037,
        _ => 0x1FFFF,   // ENONSTANDARD
    };

    public static int FromPal(int pal) => pal switch
    {
        0 => 0,
        0x1002D => ENOENT,
        0x10008 => EBADF,
        0x10006 => EAGAIN,
        0x10031 => ENOMEM,
        0x10002 => EACCES,
        0x1001C => EINVAL,
        0x1003E => ENOTTY,
        0x10049 => ESPIPE,
        0x10043 => EPIPE,
        0x10047 => ERANGE,
        0x10037 => ENOSYS,
        _ => -1,
    };

    public static string Message(int platform) => platform switch
    {
        ENOENT => "No such file or directory",
        EBADF => "Bad file descriptor",
        EAGAIN => "Resource temporarily unavailable",
        ENOMEM => "Cannot allocate memory",
        EACCES => "Permission denied",
        EINVAL => "Invalid argument",
        ENOTTY => "Inappropriate ioctl for device",
        ESPIPE => "Illegal seek",
        EPIPE => "Broken pipe",
        ERANGE => "Numerical result out of range",
        ENOSYS => "Function not implemented",
        _ => "Unknown error",
    };
}
