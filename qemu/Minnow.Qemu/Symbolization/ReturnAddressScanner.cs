using Iced.Intel;

namespace Minnow.Qemu.Symbolization;

/// <summary>
/// The fallback when CFI unwinding stops early: looks through dumped stack words for values that
/// point just after a call instruction inside a known function, which is what a return address
/// looks like. Stale return addresses from finished calls pass this test too, so such frames are
/// only hints.
/// </summary>
public sealed class ReturnAddressScanner
{
    // A near call is 2 to 7 bytes plus prefixes (REX, segment, notrack); longer forms are not emitted.
    private const int MaxCallLength = 9;

    private readonly ElfImage _image;
    private readonly SymbolTable _symbols;

    public ReturnAddressScanner(ElfImage image, SymbolTable symbols)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(symbols);
        _image = image;
        _symbols = symbols;
    }

    /// <summary>The words at or above <paramref name="fromAddress"/> that look like return addresses, lowest address first.</summary>
    public IEnumerable<StackWord> Scan(IEnumerable<StackWord> words, ulong fromAddress) =>
        words.Where(w => w.Address >= fromAddress).OrderBy(w => w.Address).Where(w => IsLikelyReturnAddress(w.Value));

    public bool IsLikelyReturnAddress(ulong value)
    {
        if (value < 2 || !_symbols.TryLookup(value - 1, out _))
            return false;
        for (int length = 2; length <= MaxCallLength; length++)
        {
            if (IsCallEndingAt(value, length))
                return true;
        }
        return false;
    }

    private bool IsCallEndingAt(ulong returnAddress, int length)
    {
        byte[] bytes = new byte[length];
        if (returnAddress < (ulong)length || !_image.TryReadBytes(returnAddress - (ulong)length, bytes))
            return false;
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(bytes), returnAddress - (ulong)length);
        decoder.Decode(out Instruction instruction);
        if (instruction.IsInvalid || instruction.Length != length)
            return false;
        return instruction.FlowControl switch
        {
            FlowControl.IndirectCall => true,
            // A direct call must land in the image's code; random data followed by 0xE8 rarely does.
            FlowControl.Call => _image.Sections.Any(s => s.IsExecutable && s.ContainsAddress(instruction.NearBranchTarget)),
            _ => false,
        };
    }
}
