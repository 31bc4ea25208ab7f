using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Minnow.Qemu.Symbolization;

/// <summary>
/// Asks binutils' addr2line for file:line of many addresses in one run ("addr2line -e ELF -a -f -i -C
/// addr..."). addr2line is optional: when it is missing, fails, times out or only knows "??", the
/// answer is simply empty for those addresses.
/// </summary>
public sealed class Addr2LineRunner
{
    private readonly string _executable;
    private readonly TimeSpan _timeout;

    public Addr2LineRunner(string executable = "addr2line", TimeSpan? timeout = null)
    {
        _executable = executable;
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>
    /// Source locations per address, innermost first: with inlining, the first entry is the inlined
    /// function's line and the last is the line in the function that owns the address.
    /// </summary>
    public IReadOnlyDictionary<ulong, IReadOnlyList<SourceLocation>> Resolve(string elfPath, IReadOnlyCollection<ulong> addresses)
    {
        ArgumentNullException.ThrowIfNull(elfPath);
        ArgumentNullException.ThrowIfNull(addresses);
        var empty = new Dictionary<ulong, IReadOnlyList<SourceLocation>>();
        if (addresses.Count == 0)
            return empty;

        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["-e", elfPath, "-a", "-f", "-i", "-C"])
            start.ArgumentList.Add(argument);
        foreach (ulong address in addresses.Distinct())
            start.ArgumentList.Add($"0x{address:x}");

        string output;
        try
        {
            using Process process = Process.Start(start) ?? throw new Win32Exception("addr2line did not start");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync(); // drained so the pipe cannot fill up
            if (!process.WaitForExit(_timeout))
            {
                process.Kill(entireProcessTree: true);
                return empty;
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                return empty;
            output = stdout.Result;
            _ = stderr.Result;
        }
        catch (Win32Exception)
        {
            return empty; // not installed
        }
        return ParseOutput(output);
    }

    /// <summary>Parses "-a -f -i" output: an address line, then function/location line pairs (more than one when inlined).</summary>
    public static IReadOnlyDictionary<ulong, IReadOnlyList<SourceLocation>> ParseOutput(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var result = new Dictionary<ulong, IReadOnlyList<SourceLocation>>();
        List<SourceLocation>? current = null;
        string? function = null;
        foreach (string rawLine in output.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.StartsWith("0x", StringComparison.Ordinal)
                && ulong.TryParse(line.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong address))
            {
                current = [];
                result[address] = current;
                function = null;
                continue;
            }
            if (current is null || line.Length == 0)
                continue;
            if (function is null)
            {
                function = line;
                continue;
            }
            if (TryParseLocation(line, out string file, out int? lineNumber))
                current.Add(new SourceLocation(function == "??" ? null : function, file, lineNumber));
            function = null;
        }
        foreach (ulong key in result.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList())
            result.Remove(key);
        return result;
    }

    private static bool TryParseLocation(string text, out string file, out int? line)
    {
        // "path/file.c:16", "path/file.c:16 (discriminator 2)", "??:0", "??:?"
        int discriminator = text.IndexOf(" (discriminator", StringComparison.Ordinal);
        if (discriminator >= 0)
            text = text[..discriminator];
        int colon = text.LastIndexOf(':');
        file = colon > 0 ? text[..colon] : text;
        line = colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0 ? number : null;
        return file != "??" && file.Length > 0;
    }
}
