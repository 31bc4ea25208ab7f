using Minnow.Runtime.Collection;

namespace Minnow.Runtime.Tests;

public sealed unsafe class HeapBitmapTests
{
    [Fact]
    public void SetClearAndTestAcrossWords()
    {
        ulong* words = stackalloc ulong[4];
        new Span<ulong>(words, 4).Clear();
        var bitmap = new HeapBitmap(words);
        bitmap.Set(0);
        bitmap.Set(63);
        bitmap.Set(64);
        bitmap.Set(255);
        Assert.True(bitmap.IsSet(0) && bitmap.IsSet(63) && bitmap.IsSet(64) && bitmap.IsSet(255));
        Assert.False(bitmap.IsSet(1) || bitmap.IsSet(65) || bitmap.IsSet(254));
        Assert.Equal(0x8000_0000_0000_0001UL, words[0]);
        bitmap.Clear(63);
        Assert.False(bitmap.IsSet(63));
        Assert.True(bitmap.TrySet(63));
        Assert.False(bitmap.TrySet(63));
    }

    [Fact]
    public void FindPreviousSetSearchesBackwardsWithinBounds()
    {
        ulong* words = stackalloc ulong[4];
        new Span<ulong>(words, 4).Clear();
        var bitmap = new HeapBitmap(words);
        bitmap.Set(5);
        bitmap.Set(70);
        Assert.Equal(70, bitmap.FindPreviousSet(70, 0));
        Assert.Equal(70, bitmap.FindPreviousSet(200, 0));
        Assert.Equal(5, bitmap.FindPreviousSet(69, 0));
        Assert.Equal(5, bitmap.FindPreviousSet(5, 5));
        Assert.Equal(-1, bitmap.FindPreviousSet(69, 6));
        Assert.Equal(-1, bitmap.FindPreviousSet(4, 0));
        Assert.Equal(-1, bitmap.FindPreviousSet(3, 10));
    }

    [Fact]
    public void ClearWordsClearsEverything()
    {
        ulong* words = stackalloc ulong[3];
        new Span<ulong>(words, 3).Fill(ulong.MaxValue);
        new HeapBitmap(words).ClearWords(3);
        Assert.True(new Span<ulong>(words, 3).IndexOfAnyExcept(0UL) < 0);
    }
}
