namespace Minnow.Qemu.Symbolization;

/// <summary>ELF symbol binding (high nibble of st_info).</summary>
public enum ElfSymbolBinding : byte
{
    Local = 0,
    Global = 1,
    Weak = 2,
    GnuUnique = 10,
}
