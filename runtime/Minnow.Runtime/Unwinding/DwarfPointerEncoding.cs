namespace Minnow.Runtime.Unwinding;

/// <summary>DW_EH_PE_* pointer encodings (LSB, "Exception Frames"): low nibble format, high bits base.</summary>
internal static class DwarfPointerEncoding
{
    public const byte Omit = 0xFF;

    public const byte AbsolutePointer = 0x00;
    public const byte ULeb128 = 0x01;
    public const byte UData2 = 0x02;
    public const byte UData4 = 0x03;
    public const byte UData8 = 0x04;
    public const byte SLeb128 = 0x09;
    public const byte SData2 = 0x0A;
    public const byte SData4 = 0x0B;
    public const byte SData8 = 0x0C;

    public const byte Absolute = 0x00;
    public const byte PcRelative = 0x10;
    public const byte DataRelative = 0x30;
}
