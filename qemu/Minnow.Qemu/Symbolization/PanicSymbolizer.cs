namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Turns guest panic reports into readable ones using the image's ELF: rip as symbol+offset, the
/// faulting instruction, registers, and a stack trace unwound with .eh_frame over the dumped stack
/// words (with a labelled stack scan when unwinding stops early), plus file:line from addr2line.
/// The harness passes every kernel log line through <see cref="ProcessLine"/>.
/// </summary>
public sealed class PanicSymbolizer
{
    private const int CodeBytesFromImage = 16;

    private readonly ElfImage _image;
    private readonly PanicSymbolizerOptions _options;
    private readonly SymbolTable _symbols;
    private readonly SymbolNameDemangler _names;
    private readonly EhFrameUnwinder? _unwinder;
    private readonly string? _unwinderProblem;
    private readonly ReturnAddressScanner _scanner;
    private readonly PanicReportParser _parser = new();

    public PanicSymbolizer(ElfImage image, PanicSymbolizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        _image = image;
        _options = options ?? new PanicSymbolizerOptions();
        _symbols = SymbolTable.FromImage(image);
        _names = new SymbolNameDemangler(_options.AssemblyNames);
        _scanner = new ReturnAddressScanner(image, _symbols);
        try
        {
            _unwinder = EhFrameUnwinder.FromImage(image);
        }
        catch (ElfFormatException e)
        {
            // A broken .eh_frame should not cost the rest of the report: fall back to scanning.
            _unwinderProblem = $".eh_frame is unusable: {e.Message}";
        }
    }

    /// <summary>Loads the ELF; throws <see cref="ElfFormatException"/> when it cannot be read.</summary>
    public static PanicSymbolizer ForElfFile(string elfPath, PanicSymbolizerOptions? options = null) =>
        new(ElfImage.Load(elfPath), options);

    public ElfImage Image => _image;

    /// <summary>
    /// Passes a kernel log line through: the result is the line itself, followed, when the line is
    /// the "end-panic" of a report, by the symbolized report.
    /// </summary>
    public IReadOnlyList<string> ProcessLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var output = new List<string> { line };
        if (_parser.Accept(line) is { } report)
            output.AddRange(SymbolizeToLines(report));
        return output;
    }

    /// <summary>At the end of the log: the symbolized form of a panic the guest never finished printing, if any.</summary>
    public IReadOnlyList<string> Finish() =>
        _parser.Finish() is { } report ? SymbolizeToLines(report) : [];

    public SymbolizedPanic Symbolize(PanicReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var notes = new List<string>(report.Warnings);
        DisassembledInstruction? instruction = DisassembleFault(report, notes);
        if (report.Rip is not ulong rip || report.Rsp is not ulong rsp)
        {
            notes.Add("the report has no rip or rsp, so there is no stack trace");
            return new SymbolizedPanic(report, instruction, [], null, "", notes);
        }

        var frames = new List<SymbolizedFrame>();
        UnwindStopReason? stopReason = null;
        string stopDetail = _unwinderProblem ?? "";
        ulong scanFrom = rsp;
        if (_unwinder is not null)
        {
            UnwindResult unwind = _unwinder.Unwind(X64RegisterSet.FromNamedValues(report.Registers), new DumpedStackMemory(report.StackWords), _options.MaxFrames);
            foreach (UnwoundFrame frame in unwind.Frames)
                frames.Add(Describe(frames.Count, frame.Rip, frame.LookupAddress, frame.Rsp, isScanned: false));
            stopReason = unwind.StopReason;
            stopDetail = unwind.StopDetail;
            scanFrom = unwind.Frames[^1].Rsp;
            if (unwind.IsComplete)
                return Finish(report, instruction, frames, stopReason, stopDetail, notes);
        }
        else
        {
            frames.Add(Describe(0, rip, rip, rsp, isScanned: false));
        }

        foreach (StackWord word in _scanner.Scan(report.StackWords, scanFrom))
        {
            if (frames.Count >= _options.MaxFrames)
                break;
            frames.Add(Describe(frames.Count, word.Value, word.Value - 1, word.Address, isScanned: true));
        }
        return Finish(report, instruction, frames, stopReason, stopDetail, notes);
    }

    private IReadOnlyList<string> SymbolizeToLines(PanicReport report)
    {
        try
        {
            return SymbolizedPanicFormatter.Format(Symbolize(report), _image);
        }
        catch (Exception e)
        {
            // The harness must keep streaming the guest's log whatever this heuristic code trips over.
            return [$"(panic symbolization failed: {e.GetType().Name}: {e.Message})"];
        }
    }

    private SymbolizedPanic Finish(PanicReport report, DisassembledInstruction? instruction, List<SymbolizedFrame> frames,
        UnwindStopReason? stopReason, string stopDetail, List<string> notes)
    {
        IReadOnlyList<SymbolizedFrame> withSources = AddSourceLocations(frames);
        return new SymbolizedPanic(report, instruction, withSources, stopReason, stopDetail, notes);
    }

    private SymbolizedFrame Describe(int index, ulong address, ulong lookupAddress, ulong? stackPointer, bool isScanned)
    {
        if (!_symbols.TryLookup(lookupAddress, out SymbolLookup lookup))
            return new SymbolizedFrame(index, address, stackPointer, null, null, 0, isScanned, []);
        string raw = lookup.Symbol.Name;
        return new SymbolizedFrame(index, address, stackPointer, _names.ToReadable(raw), raw, address - lookup.Symbol.Value, isScanned, []);
    }

    /// <summary>The instruction at rip: from the report's code bytes, else from the image.</summary>
    private DisassembledInstruction? DisassembleFault(PanicReport report, List<string> notes)
    {
        if (report.CodeAddress is ulong codeAddress && report.CodeBytes.Count > 0)
        {
            if (report.Rip is ulong rip && rip != codeAddress)
                notes.Add($"the code bytes are from 0x{codeAddress:x16}, not rip 0x{rip:x16}");
            byte[] imageBytes = new byte[report.CodeBytes.Count];
            if (_image.TryReadBytes(codeAddress, imageBytes) && !imageBytes.SequenceEqual(report.CodeBytes))
                notes.Add($"the code bytes in the report differ from the image at 0x{codeAddress:x16}: is this the image the guest ran?");
            if (InstructionDisassembler.TryDisassemble(report.CodeBytes, codeAddress, _symbols, fromImage: false, out DisassembledInstruction? fromReport))
                return fromReport;
            notes.Add("the code bytes in the report do not decode as an instruction");
        }
        if (report.Rip is not ulong address)
            return null;
        for (int length = CodeBytesFromImage; length > 0; length--)
        {
            byte[] bytes = new byte[length];
            if (_image.TryReadBytes(address, bytes))
                return InstructionDisassembler.TryDisassemble(bytes, address, _symbols, fromImage: true, out DisassembledInstruction? fromImage) ? fromImage : null;
        }
        return null;
    }

    private IReadOnlyList<SymbolizedFrame> AddSourceLocations(List<SymbolizedFrame> frames)
    {
        if (!_options.UseAddr2Line || _image.Path is null || frames.Count == 0)
            return frames;
        var runner = new Addr2LineRunner(_options.Addr2LinePath, _options.Addr2LineTimeout);
        // Caller frames are looked up at the call instruction (return address - 1), which has the call's line.
        Func<SymbolizedFrame, ulong> lookupAddress = f => f.Index == 0 && !f.IsScanned ? f.Address : f.Address - 1;
        IReadOnlyDictionary<ulong, IReadOnlyList<SourceLocation>> sources =
            runner.Resolve(_image.Path, frames.Where(f => f.HasSymbol).Select(lookupAddress).ToList());
        return frames.Select(f => sources.TryGetValue(lookupAddress(f), out IReadOnlyList<SourceLocation>? found) ? f with { Sources = found } : f).ToList();
    }
}
