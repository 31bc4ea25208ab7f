using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Minnow.Qemu.Tests;

/// <summary>
/// binutils' own decoding of a file's .eh_frame ("readelf -wF"): for each FDE, the rows of the CFI
/// table as text ("rsp+16", "c-24", "u", "exp"). An independent answer for every row of every FDE.
/// </summary>
internal static class ReadelfCfiOracle
{
    public sealed record Row(ulong Location, string Cfa, IReadOnlyDictionary<string, string> Registers);

    public sealed record Fde(ulong PcBegin, ulong PcEnd, IReadOnlyList<Row> Rows);

    /// <summary>Null when readelf is not installed.</summary>
    public static IReadOnlyList<Fde>? TryRead(string path)
    {
        string output;
        try
        {
            var start = new ProcessStartInfo("readelf") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-wF");
            start.ArgumentList.Add(path);
            using Process process = Process.Start(start)!;
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = stderr.Result;
        }
        catch (Win32Exception)
        {
            return null;
        }

        var fdes = new List<Fde>();
        List<Row>? rows = null;
        string[]? columns = null;
        ulong begin = 0, end = 0;
        foreach (string line in output.Split('\n'))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int pc = line.IndexOf(" pc=", StringComparison.Ordinal);
            if (line.Contains(" FDE ", StringComparison.Ordinal) && pc > 0)
            {
                Flush();
                string[] range = line[(pc + 4)..].Trim().Split("..");
                begin = Hex(range[0]);
                end = Hex(range[1]);
                rows = [];
            }
            else if (rows is not null && parts.Length > 1 && parts[0] == "LOC")
            {
                columns = parts;
            }
            else if (rows is not null && columns is not null && parts.Length == columns.Length && parts[0].Length == 16)
            {
                var registers = new Dictionary<string, string>();
                for (int i = 2; i < parts.Length; i++)
                    registers[columns[i]] = parts[i];
                rows.Add(new Row(Hex(parts[0]), parts[1], registers));
            }
            else if (line.Length == 0)
            {
                Flush();
            }
        }
        Flush();
        return fdes;

        void Flush()
        {
            if (rows is not null)
                fdes.Add(new Fde(begin, end, rows));
            rows = null;
            columns = null;
        }
    }

    private static ulong Hex(string text) => ulong.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
