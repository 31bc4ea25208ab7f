using Minnow.Qemu.Symbolization;

namespace Minnow.Qemu.Tests;

public class SymbolTableTests
{
    [Fact]
    public void LooksUpEveryGdbFrame_ToTheFunctionGdbNamed()
    {
        SymbolTable symbols = SymbolTable.FromImage(FixtureFiles.CrashImage);
        foreach (GdbFrame frame in FixtureFiles.GdbFrames(FixtureFiles.Crash))
        {
            // Caller frames hold return addresses; the call itself is one byte earlier.
            ulong address = frame.Index == 0 ? frame.Pc : frame.Pc - 1;
            Assert.True(symbols.TryLookup(address, out SymbolLookup lookup), $"frame {frame.Index}");
            Assert.Equal(frame.Function, lookup.Symbol.Name);
            Assert.Equal(address - lookup.Symbol.Value, lookup.Offset);
        }
    }

    [Fact]
    public void SizedFunctions_CoverOnlyTheirOwnBytes()
    {
        SymbolTable symbols = SymbolTable.FromImage(FixtureFiles.CrashImage);
        ElfSymbol leaf = symbols.FindByName("leaf")!;

        Assert.True(symbols.TryLookup(leaf.Value, out SymbolLookup start));
        Assert.Equal(("leaf", 0UL), (start.Symbol.Name, start.Offset));
        Assert.True(symbols.TryLookup(leaf.Value + leaf.Size - 1, out SymbolLookup last));
        Assert.Equal("leaf", last.Symbol.Name);
        // The alignment padding after leaf belongs to no function.
        Assert.False(symbols.TryLookup(leaf.Value + leaf.Size, out _));
        Assert.False(symbols.TryLookup(0x1000, out _));
        Assert.False(symbols.TryLookup(ulong.MaxValue, out _));
        Assert.Equal(symbols.Functions.OrderBy(s => s.Value), symbols.Functions);
    }

    [Fact]
    public void UnsizedSymbols_ReachTheNextSymbolOrTheSectionEnd()
    {
        var text = new ElfSection(1, ".text", ElfSectionType.ProgBits, ElfSectionFlags.Alloc | ElfSectionFlags.Execute, 0x1000, 0x1000, 0x100, 0, 0, 16, 0);
        ElfSection[] sections = [new ElfSection(0, "", ElfSectionType.Null, 0, 0, 0, 0, 0, 0, 0, 0), text];
        var symbols = new SymbolTable(
        [
            new ElfSymbol("stub_a", 0x1000, 0, ElfSymbolType.Function, ElfSymbolBinding.Global, 1),
            new ElfSymbol("sized", 0x1040, 0x10, ElfSymbolType.Function, ElfSymbolBinding.Global, 1),
            new ElfSymbol("stub_b", 0x1080, 0, ElfSymbolType.Function, ElfSymbolBinding.Local, 1),
            new ElfSymbol("label_in_code", 0x10c0, 0, ElfSymbolType.NoType, ElfSymbolBinding.Local, 1),
        ], sections);

        Assert.Equal("stub_a", Lookup(symbols, 0x103f));
        Assert.Equal("sized", Lookup(symbols, 0x104f));
        Assert.Null(Lookup(symbols, 0x1050)); // past the sized function, before the next symbol
        Assert.Equal("stub_b", Lookup(symbols, 0x10bf));
        Assert.Equal("label_in_code", Lookup(symbols, 0x10c0)); // the NOTYPE label ends stub_b
        Assert.Equal("label_in_code", Lookup(symbols, 0x10ff));
        Assert.Null(Lookup(symbols, 0x1100)); // end of .text
    }

    [Fact]
    public void Aliases_PreferSizedThenGlobal()
    {
        var symbols = new SymbolTable(
        [
            new ElfSymbol("local_alias", 0x2000, 0x20, ElfSymbolType.Function, ElfSymbolBinding.Local, 1),
            new ElfSymbol("global_name", 0x2000, 0x20, ElfSymbolType.Function, ElfSymbolBinding.Global, 1),
            new ElfSymbol("unsized_alias", 0x2000, 0, ElfSymbolType.Function, ElfSymbolBinding.Global, 1),
            new ElfSymbol("import", 0, 0, ElfSymbolType.Function, ElfSymbolBinding.Global, 0),
        ]);

        Assert.Equal("global_name", Lookup(symbols, 0x2010));
        Assert.Single(symbols.Functions);
        Assert.NotNull(symbols.FindByName("local_alias"));
        Assert.Null(symbols.FindByName("import")); // undefined symbols have no address
    }

    private static string? Lookup(SymbolTable symbols, ulong address) =>
        symbols.TryLookup(address, out SymbolLookup lookup) ? lookup.Symbol.Name : null;
}
