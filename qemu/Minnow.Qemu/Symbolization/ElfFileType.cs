namespace Minnow.Qemu.Symbolization;

/// <summary>ELF e_type.</summary>
public enum ElfFileType : ushort
{
    None = 0,
    Relocatable = 1,
    Executable = 2,
    SharedObject = 3,
    Core = 4,
}
