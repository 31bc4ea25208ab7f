using System.Globalization;

namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Picks panic reports out of the guest's kernel log, line by line. The guest prints (each line
/// prefixed "minnow: ", other log lines may come before, after and in between):
/// <code>
/// PANIC &lt;kind text&gt;
/// rip=0x... rsp=0x... rbp=0x... rflags=0x... cr2=0x...
/// rax=0x... rbx=0x... ... r15=0x...
/// code 0x&lt;address&gt;: &lt;16 hex bytes&gt;
/// stack 0x&lt;address&gt;: &lt;up to 8 hex words&gt;      (repeated, consecutive addresses)
/// end-panic
/// </code>
/// Malformed lines become warnings on the report; parsing never throws.
/// </summary>
public sealed class PanicReportParser
{
    public const string LinePrefix = "minnow: ";

    private PanicReportBuilder? _current;

    /// <summary>True between a PANIC line and its end-panic.</summary>
    public bool IsInPanic => _current is not null;

    /// <summary>
    /// Feeds one log line. Returns a report when this line completes one: at "end-panic", or, marked
    /// incomplete, when a new PANIC starts before the previous one ended (a fault while dumping).
    /// </summary>
    public PanicReport? Accept(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!TryGetPayload(line, out string payload))
            return null;
        if (payload == "PANIC" || payload.StartsWith("PANIC ", StringComparison.Ordinal))
        {
            PanicReport? interrupted = _current?.Build(isComplete: false, "another PANIC began before end-panic");
            _current = new PanicReportBuilder(payload["PANIC".Length..].Trim());
            return interrupted;
        }
        if (_current is null)
            return null;
        if (payload == "end-panic")
        {
            PanicReport report = _current.Build(isComplete: true, reason: null);
            _current = null;
            return report;
        }
        _current.AddLine(payload);
        return null;
    }

    /// <summary>At the end of the log: the panic still open (the guest died while printing it), if any.</summary>
    public PanicReport? Finish()
    {
        PanicReport? report = _current?.Build(isComplete: false, "the log ended before end-panic");
        _current = null;
        return report;
    }

    public static IReadOnlyList<PanicReport> ParseAll(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var parser = new PanicReportParser();
        var reports = new List<PanicReport>();
        foreach (string line in lines)
        {
            if (parser.Accept(line) is { } report)
                reports.Add(report);
        }
        if (parser.Finish() is { } last)
            reports.Add(last);
        return reports;
    }

    private static bool TryGetPayload(string line, out string payload)
    {
        // Tolerate whatever a serial console puts in front (timestamps, stray escape codes).
        int start = line.IndexOf(LinePrefix, StringComparison.Ordinal);
        payload = start < 0 ? "" : line[(start + LinePrefix.Length)..].Trim();
        return start >= 0;
    }

    /// <summary>Accumulates the lines of one panic.</summary>
    private sealed class PanicReportBuilder(string kind)
    {
        private readonly Dictionary<string, ulong> _registers = new(StringComparer.Ordinal);
        private readonly List<byte> _code = [];
        private readonly List<StackWord> _stack = [];
        private readonly List<string> _warnings = [];
        private ulong? _codeAddress;

        public void AddLine(string payload)
        {
            if (payload.Length == 0)
                return; // Panic.Fail prints an empty line before end-panic
            if (payload.StartsWith("code ", StringComparison.Ordinal))
                AddCode(payload);
            else if (payload.StartsWith("stack ", StringComparison.Ordinal))
                AddStack(payload);
            else if (payload.Contains('='))
                AddRegisters(payload);
            else
                _warnings.Add($"ignored line inside the panic: \"{payload}\"");
        }

        public PanicReport Build(bool isComplete, string? reason)
        {
            if (reason is not null)
                _warnings.Add($"incomplete report: {reason}");
            return new PanicReport(kind, _registers, _codeAddress, _code, _stack, isComplete, _warnings);
        }

        private void AddRegisters(string payload)
        {
            foreach (string token in payload.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = token.IndexOf('=');
                if (equals <= 0 || !TryParseHex(token[(equals + 1)..], out ulong value))
                {
                    _warnings.Add($"cannot read register \"{token}\"");
                    continue;
                }
                _registers[token[..equals].ToLowerInvariant()] = value;
            }
        }

        private void AddCode(string payload)
        {
            if (!TrySplitAddressLine(payload["code ".Length..], out ulong address, out string[] items))
            {
                _warnings.Add($"cannot read code line \"{payload}\"");
                return;
            }
            var bytes = new List<byte>();
            foreach (string item in items)
            {
                if (!byte.TryParse(item, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte value))
                {
                    _warnings.Add($"code line has a bad byte \"{item}\"; the code bytes are ignored");
                    return;
                }
                bytes.Add(value);
            }
            _codeAddress = address;
            _code.Clear();
            _code.AddRange(bytes);
        }

        private void AddStack(string payload)
        {
            if (!TrySplitAddressLine(payload["stack ".Length..], out ulong address, out string[] items))
            {
                _warnings.Add($"cannot read stack line \"{payload}\"");
                return;
            }
            for (int i = 0; i < items.Length; i++)
            {
                if (!TryParseHex(items[i], out ulong value))
                {
                    _warnings.Add($"stack line at 0x{address:x16} has a bad word \"{items[i]}\"; the rest of the line is ignored");
                    return;
                }
                _stack.Add(new StackWord(unchecked(address + (ulong)i * 8), value));
            }
        }

        /// <summary>"0x&lt;address&gt;: item item ..." into the address and the items.</summary>
        private static bool TrySplitAddressLine(string text, out ulong address, out string[] items)
        {
            items = [];
            int colon = text.IndexOf(':');
            address = 0;
            if (colon <= 0 || !TryParseHex(text[..colon].Trim(), out address))
                return false;
            items = text[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return true;
        }

        private static bool TryParseHex(string text, out ulong value)
        {
            string digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
            return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && digits.Length > 0;
        }
    }
}
