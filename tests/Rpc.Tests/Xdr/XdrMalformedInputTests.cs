using Minnow.Rpc.Xdr;

namespace Rpc.Tests.Xdr;

/// <summary>Hostile and truncated input: every case is a clear error value, never an exception or a large allocation.</summary>
public class XdrMalformedInputTests
{
    [Fact]
    public void TruncatedDataIsEndOfData()
    {
        var r = new XdrReader([0, 0, 1]);
        Assert.Equal(0, r.ReadInt32());
        Assert.Equal(XdrErrorKind.EndOfData, r.Error.Kind);
    }

    [Fact]
    public void ErrorsAreStickyAndLaterReadsConsumeNothing()
    {
        var r = new XdrReader([0, 0, 0, 7, 0, 0, 0, 1]);
        r.ReadBoolean();
        Assert.Equal(XdrErrorKind.InvalidBoolean, r.Error.Kind);
        Assert.Equal(0, r.ReadInt32());
        Assert.Equal(0, r.Position);
        Assert.Equal(0, r.Error.Offset);
    }

    [Fact]
    public void AHugeOpaqueLengthIsRejectedBeforeAllocating()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var r = new XdrReader([0x7f, 0xff, 0xff, 0xf0, 1, 2, 3, 4]);
        byte[] result = r.ReadOpaque();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(result);
        Assert.Equal(XdrErrorKind.LengthExceedsLimit, r.Error.Kind);
        Assert.True(allocated < 10_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ALengthBeyondTheDataIsRejected()
    {
        var r = new XdrReader([0, 0, 0x10, 0, 1, 2, 3, 4]);
        Assert.Equal("", r.ReadString());
        Assert.Equal(XdrErrorKind.LengthExceedsData, r.Error.Kind);
    }

    [Fact]
    public void AnArrayCountBeyondTheDataIsRejectedBeforeAllocating()
    {
        // 4 million elements claimed, 4 bytes present: without the check this would allocate 32 MB of references.
        var r = new XdrReader([0, 0x40, 0, 0, 0, 0, 0, 1]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        string[] result = r.ReadArray(static (ref XdrReader x) => x.ReadString());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000);
        Assert.Empty(result);
        Assert.Equal(XdrErrorKind.LengthExceedsData, r.Error.Kind);
    }

    [Fact]
    public void TheDeclaredMaximumIsEnforced()
    {
        var r = new XdrReader([0, 0, 0, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 0, 0, 0]);
        r.ReadString(4);
        Assert.Equal(XdrErrorKind.LengthExceedsDeclaredMaximum, r.Error.Kind);
    }

    [Fact]
    public void TheLimitsPolicyIsEnforced()
    {
        var r = new XdrReader([0, 0, 0, 5, 1, 2, 3, 4, 5, 0, 0, 0], new XdrLimits { MaxOpaqueLength = 4 });
        r.ReadOpaque();
        Assert.Equal(XdrErrorKind.LengthExceedsLimit, r.Error.Kind);
    }

    [Fact]
    public void UnknownEnumValuesAreRejected()
    {
        var r = new XdrReader([0, 0, 0, 9]);
        r.ReadEnum<DayOfWeek>();
        Assert.Equal(XdrErrorKind.InvalidEnumValue, r.Error.Kind);
    }

    private sealed class Node
    {
        public Node? Next;

        public static Node Decode(ref XdrReader reader) => new() { Next = reader.ReadOptional<Node>(Decode) };
    }

    [Fact]
    public void ADeeplyNestedListFailsInsteadOfOverflowingTheStack()
    {
        // A linked list of a million elements through optional data: one nesting level per element.
        byte[] data = new byte[4 * 1_000_001];
        for (int i = 0; i < 1_000_000; i++)
        {
            data[4 * i + 3] = 1;
        }
        var r = new XdrReader(data);
        Node.Decode(ref r);
        Assert.Equal(XdrErrorKind.NestingTooDeep, r.Error.Kind);
    }

    [Fact]
    public void ShallowListsWithinTheLimitDecode()
    {
        byte[] data = new byte[4 * 101];
        for (int i = 0; i < 100; i++)
        {
            data[4 * i + 3] = 1;
        }
        var r = new XdrReader(data);
        Node head = Node.Decode(ref r);
        Assert.False(r.HasError, r.Error.ToString());
        int count = 0;
        for (Node? n = head.Next; n is not null; n = n.Next)
        {
            count++;
        }
        Assert.Equal(100, count);
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var random = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            byte[] data = new byte[random.Next(0, 64)];
            random.NextBytes(data);
            var r = new XdrReader(data, new XdrLimits { MaxDepth = 8 });
            r.ReadString();
            r.ReadArray(static (ref XdrReader x) => x.ReadOpaque());
            r.ReadOptional(static (ref XdrReader x) => x.ReadString(3));
            r.ReadUInt64();
        }
    }

    [Fact]
    public void WriterRejectsValuesOutsideTheirBounds()
    {
        var w = new XdrWriter();
        w.WriteString("toolong", 3);
        Assert.Equal(XdrErrorKind.LengthExceedsDeclaredMaximum, w.Error.Kind);
        Assert.Equal(0, w.Length);

        w.Reset();
        w.WriteFixedOpaque([1, 2], 3);
        Assert.Equal(XdrErrorKind.FixedLengthMismatch, w.Error.Kind);

        w.Reset();
        w.WriteString(null);
        Assert.Equal(XdrErrorKind.InvalidValue, w.Error.Kind);
    }
}
