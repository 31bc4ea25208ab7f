using System.Runtime.InteropServices;
using Minnow.Kernel;
using Minnow.Kernel.Console;

namespace Minnow.Runtime.Platform;

/// <summary>The System.Native calls behind Console and the standard streams (error convention: -1 and errno).</summary>
internal static unsafe class ConsoleCalls
{
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Write")]
    private static int Write(nint fd, byte* buffer, int count)
    {
        if (SocketCalls.IsSocket(fd))
            return SocketCalls.Write(fd, buffer, count);
        if (count < 0)
            return Errno.Fail(Errno.ERANGE);
        var bytes = new ReadOnlySpan<byte>(buffer, count);
        switch (FileDescriptors.Lookup(fd))
        {
            case FileDescriptors.Kind.StandardOutput:
                KernelStartup.ProgramConsole.Write(bytes);
                return count;
            case FileDescriptors.Kind.StandardError:
                WriteStandardError(bytes);
                return count;
            case FileDescriptors.Kind.StandardInput:
                return Errno.Fail(Errno.EBADF);
            default:
                return Errno.Fail(Errno.EBADF);
        }
    }

    /// <summary>The program's standard error: the debug console when QEMU provides one, else COM1 with its output.</summary>
    public static void WriteStandardError(ReadOnlySpan<byte> bytes)
    {
        if (KernelLog.HasSeparateChannel)
            KernelLog.WriteProgramError(bytes);
        else
            KernelStartup.ProgramConsole.Write(bytes);
    }

    // Standard input is empty: end of file.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Read")]
    private static int Read(nint fd, byte* buffer, int count)
    {
        if (SocketCalls.IsSocket(fd))
            return SocketCalls.Read(fd, buffer, count);
        return FileDescriptors.Lookup(fd) == FileDescriptors.Kind.StandardInput ? 0 : Errno.Fail(Errno.EBADF);
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Dup")]
    private static nint Dup(nint fd) => FileDescriptors.Duplicate(fd);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_Close")]
    private static int Close(nint fd) => SocketCalls.IsSocket(fd) ? SocketCalls.Close(fd) : FileDescriptors.Close(fd);

    // The console is a serial line, not a terminal: no terminfo, no keypad modes.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_IsATty")]
    private static int IsATty(nint fd) => 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_InitializeTerminalAndSignalHandling")]
    private static int InitializeTerminalAndSignalHandling() => 1;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_UninitializeTerminal")]
    private static void UninitializeTerminal()
    {
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetKeypadXmit")]
    private static void SetKeypadXmit(nint fd, byte* terminfoString)
    {
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_SetTerminalInvalidationHandler")]
    private static void SetTerminalInvalidationHandler(nint handler)
    {
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetControlCharacters")]
    private static void GetControlCharacters(int* names, byte* values, int count, byte* posixDisable) => *posixDisable = 0;

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_GetWindowSize")]
    private static int GetWindowSize(nint fd, void* size) => Errno.Fail(Errno.ENOTTY);

    // FileStatus (0x78 bytes): a character device for the standard streams, a socket for sockets.
    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FStat")]
    private static int FStat(nint fd, byte* status)
    {
        bool socket = SocketCalls.IsSocket(fd);
        if (!socket && FileDescriptors.Lookup(fd) == FileDescriptors.Kind.Closed)
            return Errno.Fail(Errno.EBADF);
        new Span<byte>(status, 0x78).Clear();
        *(int*)(status + 4) = (socket ? 0xC000 : 0x2000) | 0x1B6;   // S_IFSOCK or S_IFCHR, rw-rw-rw-
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_LSeek")]
    private static long LSeek(nint fd, long offset, int whence) => Errno.Fail(Errno.ESPIPE);

    [UnmanagedCallersOnly(EntryPoint = "SystemNative_FLock")]
    private static int FLock(nint fd, int operation) => 0;
}
