using Minnow.Net.Buffers;

namespace Minnow.Net.Tests.Buffers;

public class ByteRingTests
{
    [Fact]
    public void AppendReadAndWrapAround()
    {
        var ring = new ByteRing(8);
        Assert.Equal(6, ring.Append([1, 2, 3, 4, 5, 6]));
        byte[] read = new byte[4];
        Assert.Equal(4, ring.Read(read));
        Assert.Equal([1, 2, 3, 4], read);
        Assert.Equal(6, ring.Append([7, 8, 9, 10, 11, 12, 13]));  // wraps; only 6 fit
        Assert.Equal(0, ring.Free);
        byte[] all = new byte[8];
        Assert.Equal(8, ring.Read(all));
        Assert.Equal([5, 6, 7, 8, 9, 10, 11, 12], all);
    }

    [Fact]
    public void CopyAtOffsetDoesNotConsume()
    {
        var ring = new ByteRing(8);
        ring.Append([1, 2, 3, 4, 5, 6]);
        ring.Consume(5);
        ring.Append([7, 8, 9, 10]);
        byte[] window = new byte[3];
        ring.CopyTo(1, window);
        Assert.Equal([7, 8, 9], window);
        Assert.Equal(5, ring.Count);
    }

    [Fact]
    public void OutOfOrderBytesStayPositionedWhenTheReadableDataIsDrained()
    {
        // Regression: emptying the ring used to rewind its start, so bytes stored past the end
        // for later landed in the wrong place.
        var ring = new ByteRing(16);
        ring.Append([1, 2, 3]);
        ring.WriteAt(ring.Count + 2, [30, 31]);   // a later segment, two bytes past the end
        Assert.Equal(3, ring.Read(new byte[3]));   // the program drains everything readable
        ring.WriteAt(ring.Count, [10, 11]);        // the hole is filled
        ring.Commit(4);
        byte[] result = new byte[4];
        ring.Read(result);
        Assert.Equal([10, 11, 30, 31], result);
    }
}
