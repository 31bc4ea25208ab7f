namespace Minnow.Runtime.Platform;

/// <summary>
/// The file descriptors an image has: the standard streams and duplicates of them (Console dups
/// 0, 1 and 2). Standard output goes to COM1, standard error to the kernel's channel, standard
/// input is empty. Sockets join this table with the network stack.
/// </summary>
internal static class FileDescriptors
{
    public enum Kind : byte { Closed, StandardInput, StandardOutput, StandardError }

    private const int Capacity = 64;
    private static readonly Kind[] s_table = new Kind[Capacity];
    private static bool s_initialized;

    public static Kind Lookup(nint fd)
    {
        EnsureInitialized();
        return fd >= 0 && fd < Capacity ? s_table[fd] : Kind.Closed;
    }

    public static nint Duplicate(nint fd)
    {
        Kind kind = Lookup(fd);
        if (kind == Kind.Closed)
            return Errno.Fail(Errno.EBADF);
        for (int i = 3; i < Capacity; i++)
        {
            if (s_table[i] == Kind.Closed)
            {
                s_table[i] = kind;
                return i;
            }
        }
        return Errno.Fail(24 /* EMFILE */);
    }

    public static int Close(nint fd)
    {
        if (Lookup(fd) == Kind.Closed)
            return Errno.Fail(Errno.EBADF);
        s_table[fd] = Kind.Closed;
        return 0;
    }

    private static void EnsureInitialized()
    {
        if (s_initialized)
            return;
        s_initialized = true;
        s_table[0] = Kind.StandardInput;
        s_table[1] = Kind.StandardOutput;
        s_table[2] = Kind.StandardError;
    }
}
