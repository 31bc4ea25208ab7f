namespace Minnow.Qemu.Tests;

/// <summary>
/// Writes a small .eh_frame by hand (one "zR" CIE, pc-relative sdata4 pointers) so tests can run CFI
/// opcodes that the fixture compilers happen not to emit.
/// </summary>
internal sealed class EhFrameBuilder(ulong sectionAddress)
{
    private readonly List<byte> _bytes = [];

    public ulong SectionAddress => sectionAddress;

    /// <returns>The CIE's offset, for <see cref="AddFde"/>.</returns>
    public int AddCie(byte[] initialInstructions, string augmentation = "zR")
    {
        int offset = _bytes.Count;
        var body = new List<byte> { 0, 0, 0, 0, 1 }; // CIE id 0, version 1
        body.AddRange(System.Text.Encoding.ASCII.GetBytes(augmentation));
        body.Add(0);
        body.Add(1);    // code alignment factor
        body.Add(0x78); // data alignment factor -8 (sleb128)
        body.Add(16);   // return address column
        body.Add(1);    // augmentation data length
        body.Add(0x1b); // FDE pointers: pc-relative sdata4
        body.AddRange(initialInstructions);
        AddLength(body.Count);
        _bytes.AddRange(body);
        return offset;
    }

    /// <returns>The section offset of the FDE's first instruction byte.</returns>
    public int AddFde(int cieOffset, ulong pcBegin, uint length, byte[] instructions)
    {
        AddLength(4 + 4 + 4 + 1 + instructions.Length);
        int pointerPosition = _bytes.Count;
        AddUInt32((uint)(pointerPosition - cieOffset));
        ulong fieldAddress = sectionAddress + (ulong)_bytes.Count;
        AddUInt32((uint)(int)(long)(pcBegin - fieldAddress));
        AddUInt32(length);
        _bytes.Add(0); // no augmentation data
        int instructionsOffset = _bytes.Count;
        _bytes.AddRange(instructions);
        return instructionsOffset;
    }

    public byte[] Build() => [.. _bytes, 0, 0, 0, 0];

    private void AddLength(int length) => AddUInt32((uint)length);

    private void AddUInt32(uint value)
    {
        for (int i = 0; i < 4; i++)
            _bytes.Add((byte)(value >> (8 * i)));
    }
}
