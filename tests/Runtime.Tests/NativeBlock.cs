using System.Runtime.InteropServices;

namespace Minnow.Runtime.Tests;

/// <summary>Aligned native memory for a test, freed on dispose.</summary>
internal sealed unsafe class NativeBlock : IDisposable
{
    public NativeBlock(ulong size, ulong alignment, byte fill = 0)
    {
        Size = size;
        Start = (byte*)NativeMemory.AlignedAlloc((nuint)size, (nuint)alignment);
        new Span<byte>(Start, checked((int)size)).Fill(fill);
    }

    public byte* Start { get; }
    public ulong Size { get; }

    public void Dispose() => NativeMemory.AlignedFree(Start);
}
