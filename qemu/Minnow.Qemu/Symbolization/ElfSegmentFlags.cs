namespace Minnow.Qemu.Symbolization;

/// <summary>ELF p_flags.</summary>
[Flags]
public enum ElfSegmentFlags : uint
{
    None = 0,
    Execute = 0x1,
    Write = 0x2,
    Read = 0x4,
}
