namespace Minnow.Qemu.Symbolization;

/// <summary>
/// The ELF file (or a structure inside it, such as .eh_frame) is malformed or uses a feature this
/// reader does not support. Every validation failure surfaces as this type, so callers can catch
/// one exception for "this image cannot be used" instead of IndexOutOfRange and friends.
/// </summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException(string message)
        : base(message)
    {
    }
}
