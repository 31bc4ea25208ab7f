using System.Text;

namespace Minnow.Qemu.Symbolization;

/// <summary>
/// The human report. Lines do not start with "minnow: ", so feeding the harness's own output back
/// through a <see cref="PanicReportParser"/> finds nothing new.
/// </summary>
public static class SymbolizedPanicFormatter
{
    private static readonly string[] s_generalRegisters =
        ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];

    private static readonly string[] s_shownSeparately = ["rip", "rflags", "cr2"];

    public static IReadOnlyList<string> Format(SymbolizedPanic panic, ElfImage image)
    {
        ArgumentNullException.ThrowIfNull(panic);
        ArgumentNullException.ThrowIfNull(image);
        PanicReport report = panic.Report;
        var lines = new List<string>();
        string imageName = image.Path is null ? "image" : Path.GetFileName(image.Path);
        lines.Add($"==== symbolized panic ({imageName}{(image.BuildId is { } id ? ", build-id " + id : "")}) ====");
        lines.Add($"PANIC {report.Kind}");
        if (report.Rip is ulong rip)
            lines.Add($"  rip    0x{rip:x16}  {(panic.RipFrame is { HasSymbol: true } top ? Describe(top) : "(no symbol)")}");
        if (panic.FaultingInstruction is { } instruction)
        {
            string bytes = string.Join(' ', instruction.Bytes.Select(b => b.ToString("x2")));
            lines.Add($"  instr  {instruction.Text}    ({bytes}{(instruction.FromImage ? ", from the image" : "")})");
        }
        if (report.Cr2 is ulong cr2)
            lines.Add($"  cr2    0x{cr2:x16}");
        if (report.GetRegister("rflags") is ulong rflags)
            lines.Add($"  rflags 0x{rflags:x16}");
        AddRegisters(report, lines);

        lines.Add(panic.UnwindStopReason is null ? "stack trace (stack scan only):" : "stack trace (.eh_frame unwind):");
        bool scanning = false;
        for (int i = 0; i < panic.Frames.Count; i++)
        {
            SymbolizedFrame frame = panic.Frames[i];
            if (frame.IsScanned && !scanning)
            {
                scanning = true;
                lines.Add($"  unwinding stopped: {panic.UnwindStopDetail}".TrimEnd());
                lines.Add("  stack words that look like return addresses (scanned; may include stale ones):");
            }
            AddFrame(frame, lines);
            // Deep recursion (a stack overflow) would otherwise fill the report with one line.
            int repeats = 0;
            while (i + 1 < panic.Frames.Count && IsRepeat(panic.Frames[i + 1], frame))
            {
                repeats++;
                i++;
            }
            if (repeats == 1)
                AddFrame(panic.Frames[i], lines);
            else if (repeats > 1)
                lines.Add($"  ... the frame above {repeats} more times");
        }
        if (!scanning && panic.UnwindStopReason is { } reason && reason != UnwindStopReason.OutermostFrame)
            lines.Add($"  unwinding stopped: {panic.UnwindStopDetail}");
        if (!report.IsComplete || panic.Notes.Count > 0)
        {
            lines.Add("notes:");
            lines.AddRange(panic.Notes.Select(n => "  " + n));
        }
        lines.Add("==== end of symbolized panic ====");
        return lines;
    }

    private static bool IsRepeat(SymbolizedFrame next, SymbolizedFrame frame) =>
        next.HasSymbol && next.Address == frame.Address && next.IsScanned == frame.IsScanned;

    private static void AddRegisters(PanicReport report, List<string> lines)
    {
        IEnumerable<string> names = s_generalRegisters.Where(report.Registers.ContainsKey)
            .Concat(report.Registers.Keys.Where(k => !s_generalRegisters.Contains(k) && !s_shownSeparately.Contains(k)).Order(StringComparer.Ordinal));
        var line = new StringBuilder();
        int onLine = 0;
        foreach (string name in names)
        {
            line.Append(onLine == 0 ? "  " : " ").Append($"{name,3}=0x{report.Registers[name]:x16}");
            if (++onLine == 4)
            {
                lines.Add(line.ToString());
                line.Clear();
                onLine = 0;
            }
        }
        if (onLine > 0)
            lines.Add(line.ToString());
    }

    private static void AddFrame(SymbolizedFrame frame, List<string> lines)
    {
        // addr2line lists inlined functions innermost first; they were "called" by the frame's own function.
        for (int i = 0; i < frame.Sources.Count - 1; i++)
        {
            SourceLocation inlined = frame.Sources[i];
            lines.Add($"  at {inlined.Function ?? "??"} (inlined)  {inlined}");
        }
        lines.Add($"  at {Describe(frame)}{(frame.IsScanned ? "  (scanned)" : "")}");
    }

    /// <summary>"readable + 0xoff  [raw]  file:line", or the bare address when no symbol covers it.</summary>
    private static string Describe(SymbolizedFrame frame)
    {
        if (!frame.HasSymbol)
            return $"0x{frame.Address:x16}  (no symbol)";
        string text = $"{frame.ReadableName} + 0x{frame.Offset:x}  [{frame.RawName}]";
        return frame.Sources.Count > 0 ? $"{text}  {frame.Sources[^1]}" : text;
    }
}
