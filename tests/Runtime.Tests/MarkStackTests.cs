using System.Runtime.InteropServices;
using Minnow.Runtime.Collection;

namespace Minnow.Runtime.Tests;

public sealed unsafe class MarkStackTests
{
    private const ulong ChunkBytes = 256;
    [ThreadStatic] private static int t_chunksAllocated;
    [ThreadStatic] private static int t_chunksFreed;
    [ThreadStatic] private static int t_chunksAllowed;

    private static void* Allocate(ulong bytes)
    {
        if (t_chunksAllocated - t_chunksFreed >= t_chunksAllowed)
            return null;
        t_chunksAllocated++;
        return NativeMemory.Alloc((nuint)bytes);
    }

    private static void Free(void* chunk, ulong bytes)
    {
        t_chunksFreed++;
        NativeMemory.Free(chunk);
    }

    private static MarkStack Create(int extraChunks, void* first)
    {
        t_chunksAllocated = t_chunksFreed = 0;
        t_chunksAllowed = extraChunks;
        var stack = new MarkStack();
        stack.Initialize(first, ChunkBytes, &Allocate, &Free);
        return stack;
    }

    [Fact]
    public void PushesAndPopsAcrossChunksInLifoOrder()
    {
        void* first = NativeMemory.Alloc((nuint)ChunkBytes);
        var stack = Create(extraChunks: 100, first);
        for (nint i = 1; i <= 500; i++)
            Assert.True(stack.Push(i));
        Assert.True(t_chunksAllocated > 10);
        for (nint i = 500; i >= 1; i--)
        {
            Assert.True(stack.TryPop(out nint value));
            Assert.Equal(i, value);
        }
        Assert.False(stack.TryPop(out _));
        Assert.True(stack.IsEmpty);
        Assert.Equal(t_chunksAllocated, t_chunksFreed);
        Assert.False(stack.Overflowed);
        NativeMemory.Free(first);
    }

    [Fact]
    public void APushWithoutMemoryFailsAndFlagsTheOverflow()
    {
        void* first = NativeMemory.Alloc((nuint)ChunkBytes);
        var stack = Create(extraChunks: 0, first);
        int pushed = 0;
        while (stack.Push(pushed + 1))
            pushed++;
        Assert.True(stack.Overflowed);
        Assert.Equal((int)((ChunkBytes - 24) / 8), pushed);
        int popped = 0;
        while (stack.TryPop(out _))
            popped++;
        Assert.Equal(pushed, popped);
        NativeMemory.Free(first);
    }
}
