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

    // Linux errno numbers and PAL codes (the PAL numbers its errors itself: 0x10000 + its own
    // index). Switches rather than a table: ConvertErrorPlatformToPal is [SuppressGCTransition],
    // so no static constructor may run on its path.
    public static int ToPal(int platform) => platform switch
    {
        0 => 0,
        ENOENT => 0x1002D,
        4 => 0x1001B,
        5 => 0x1001D,
        EBADF => 0x10008,
        EAGAIN => 0x10006,
        ENOMEM => 0x10031,
        EACCES => 0x10002,
        14 => 0x10015,
        EINVAL => 0x1001C,
        24 => 0x10021,
        ENOTTY => 0x1003E,
        ESPIPE => 0x10049,
        EPIPE => 0x10043,
        ERANGE => 0x10047,
        ENOSYS => 0x10037,
        61 => 0x10071,
        88 => 0x1003C,
        89 => 0x10011,
        90 => 0x10023,
        91 => 0x10046,
        92 => 0x10033,
        93 => 0x10045,
        94 => 0x1005E,
        95 => 0x1003D,
        96 => 0x10060,
        97 => 0x10005,
        98 => 0x10003,
        99 => 0x10004,
        100 => 0x10026,
        101 => 0x10028,
        102 => 0x10027,
        103 => 0x1000D,
        104 => 0x1000F,
        105 => 0x1002A,
        106 => 0x1001E,
        107 => 0x10038,
        108 => 0x1006C,
        110 => 0x1004D,
        111 => 0x1000E,
        112 => 0x10070,
        113 => 0x10017,
        114 => 0x10007,
        115 => 0x1001A,
        125 => 0x1000B,
        _ => 0x1FFFF,   // ENONSTANDARD
    };

    public static int FromPal(int pal) => pal switch
    {
        0 => 0,
        0x1002D => ENOENT,
        0x1001B => 4,
        0x1001D => 5,
        0x10008 => EBADF,
        0x10006 => EAGAIN,
        0x10031 => ENOMEM,
        0x10002 => EACCES,
        0x10015 => 14,
        0x1001C => EINVAL,
        0x10021 => 24,
        0x1003E => ENOTTY,
        0x10049 => ESPIPE,
        0x10043 => EPIPE,
        0x10047 => ERANGE,
        0x10037 => ENOSYS,
        0x10071 => 61,
        0x1003C => 88,
        0x10011 => 89,
        0x10023 => 90,
        0x10046 => 91,
        0x10033 => 92,
        0x10045 => 93,
        0x1005E => 94,
        0x1003D => 95,
        0x10060 => 96,
        0x10005 => 97,
        0x10003 => 98,
        0x10004 => 99,
        0x10026 => 100,
        0x10028 => 101,
        0x10027 => 102,
        0x1000D => 103,
        0x1000F => 104,
        0x1002A => 105,
        0x1001E => 106,
        0x10038 => 107,
        0x1006C => 108,
        0x1004D => 110,
        0x1000E => 111,
        0x10070 => 112,
        0x10017 => 113,
        0x10007 => 114,
        0x1001A => 115,
        0x1000B => 125,
        _ => -1,
    };

    /// <summary>Sets errno from a PAL code (for the calls that report -1 and errno) and returns -1.</summary>
    public static int FailPal(int pal) => Fail(FromPal(pal) is int platform and > 0 ? platform : EINVAL);

    public static string Message(int platform) => platform switch
    {
        ENOENT => "No such file or directory",
        4 => "Interrupted system call",
        5 => "Input/output error",
        EBADF => "Bad file descriptor",
        EAGAIN => "Resource temporarily unavailable",
        ENOMEM => "Cannot allocate memory",
        EACCES => "Permission denied",
        14 => "Bad address",
        EINVAL => "Invalid argument",
        24 => "Too many open files",
        ENOTTY => "Inappropriate ioctl for device",
        ESPIPE => "Illegal seek",
        EPIPE => "Broken pipe",
        ERANGE => "Numerical result out of range",
        ENOSYS => "Function not implemented",
        61 => "No data available",
        88 => "Socket operation on non-socket",
        89 => "Destination address required",
        90 => "Message too long",
        91 => "Protocol wrong type for socket",
        92 => "Protocol not available",
        93 => "Protocol not supported",
        94 => "Socket type not supported",
        95 => "Operation not supported",
        96 => "Protocol family not supported",
        97 => "Address family not supported by protocol",
        98 => "Address already in use",
        99 => "Cannot assign requested address",
        100 => "Network is down",
        101 => "Network is unreachable",
        102 => "Network dropped connection on reset",
        103 => "Software caused connection abort",
        104 => "Connection reset by peer",
        105 => "No buffer space available",
        106 => "Transport endpoint is already connected",
        107 => "Transport endpoint is not connected",
        108 => "Cannot send after transport endpoint shutdown",
        110 => "Connection timed out",
        111 => "Connection refused",
        112 => "Host is down",
        113 => "No route to host",
        114 => "Operation already in progress",
        115 => "Operation now in progress",
        125 => "Operation canceled",
        _ => "Unknown error",
    };
}
