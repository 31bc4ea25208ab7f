// Programs that crash on purpose, for tests/Images.Tests/FaultTests.cs; the first argument picks
// the fault. Built with --allow-unsafe: raw pointers are the point here.
using System.Runtime.CompilerServices;

string fault = args.Length > 0 ? args[0] : "";
Console.WriteLine($"about to fault: {fault}");
return fault switch
{
    "null-pointer" => Faults.DereferenceNullPointer(),
    "unmapped" => Faults.ReadUnmappedMemory(),
    "stack-overflow" => Faults.RecurseForever(1),
    _ => Usage(fault),
};

static int Usage(string fault)
{
    Console.WriteLine($"unknown fault '{fault}': use null-pointer, unmapped or stack-overflow");
    return 2;
}

internal static unsafe class Faults
{
    /// <summary>Far above any RAM a test gives the guest, and canonical, so it faults as not-present.</summary>
    private const ulong UnmappedAddress = 0x0000_6000_0000_0000;

    // Not inlined, so the faulting instruction lies in a method of this name for the panic report.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int DereferenceNullPointer()
    {
        int* pointer = Pointer(0);
        return *pointer;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ReadUnmappedMemory()
    {
        int* pointer = Pointer(UnmappedAddress);
        return *pointer;
    }

    // Each frame holds a buffer the compiler cannot drop, and the recursion is not a tail call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int RecurseForever(int depth)
    {
        Span<byte> frame = stackalloc byte[512];
        frame[depth % frame.Length] = (byte)depth;
        return RecurseForever(depth + 1) + frame[(depth * 7) % frame.Length];
    }

    // Hides the constant from the compiler, which could otherwise fold the load away.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int* Pointer(ulong address) => (int*)address;
}
