namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Guest memory as far as the host knows it. For a panic that is the part of the stack the guest
/// dumped, so reads outside it fail and the unwinder stops there.
/// </summary>
public interface IMemoryReader
{
    bool TryReadUInt64(ulong address, out ulong value);
}
