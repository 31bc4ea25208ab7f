using Minnow.Net.Buffers;

namespace Minnow.Net.Tests.Buffers;

public class PacketRingTests
{
    [Fact]
    public void KeepsPacketsWholeAndInOrderAcrossTheWrap()
    {
        var ring = new PacketRing<int>(10, 8);
        Assert.True(Enqueue(ring, 1, 4));
        Assert.True(Enqueue(ring, 2, 4));
        Assert.False(Enqueue(ring, 3, 4)); // 2 bytes left at the end, none at the start
        Dequeue(ring, 1, 4);
        Assert.True(Enqueue(ring, 3, 3)); // wraps to the start, skipping the 2-byte gap
        Dequeue(ring, 2, 4);
        Dequeue(ring, 3, 3);
        Assert.True(ring.IsEmpty);
        Assert.True(Enqueue(ring, 4, 10));
    }

    [Fact]
    public void RandomOperationsMatchAQueueModel()
    {
        var random = new Random(3);
        var ring = new PacketRing<int>(200, 16);
        var model = new Queue<(int Id, int Length)>();
        int next = 0;
        for (int step = 0; step < 100_000; step++)
        {
            if (random.Next(2) == 0)
            {
                int length = random.Next(0, 60);
                if (Enqueue(ring, next, length))
                {
                    model.Enqueue((next, length));
                }
                else
                {
                    // Refusal is allowed only when it really might not fit.
                    Assert.True(model.Count == 16 || model.Sum(m => m.Length) + length > 200 - 60);
                }
                next++;
            }
            else if (model.Count > 0)
            {
                (int id, int length) = model.Dequeue();
                Dequeue(ring, id, length);
            }
            Assert.Equal(model.Count, ring.Count);
        }
    }

    private static bool Enqueue(PacketRing<int> ring, int id, int length)
    {
        if (!ring.TryEnqueue(length, id, out Span<byte> slot))
        {
            return false;
        }
        slot.Fill((byte)id);
        return true;
    }

    private static void Dequeue(PacketRing<int> ring, int id, int length)
    {
        Assert.True(ring.TryPeek(out ReadOnlySpan<byte> packet, out int meta));
        Assert.Equal(id, meta);
        Assert.Equal(length, packet.Length);
        foreach (byte b in packet)
        {
            Assert.Equal((byte)id, b);
        }
        ring.Dequeue();
    }
}
