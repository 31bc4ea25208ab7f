using System.Text;

namespace Minnow.TestSupport;

/// <summary>What a finished (or killed) process left: exit code, both output streams, how long it took.</summary>
public sealed record ProcessResult(
    string Command,
    int ExitCode,
    byte[] StandardOutputBytes,
    byte[] StandardErrorBytes,
    TimeSpan Elapsed,
    bool TimedOut)
{
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    public string StandardError => Encoding.UTF8.GetString(StandardErrorBytes);

    /// <summary>The command, status and both streams, for assertion messages.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"$ {Command}");
        sb.AppendLine(TimedOut
            ? $"(killed by the test after {Elapsed.TotalSeconds:F1} s)"
            : $"(exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s)");
        sb.AppendLine("--- stdout ---");
        sb.AppendLine(Tail(StandardOutput));
        sb.AppendLine("--- stderr ---");
        sb.AppendLine(Tail(StandardError));
        return sb.ToString();
    }

    private static string Tail(string text, int maxLines = 80)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        return lines.Length <= maxLines
            ? string.Join('\n', lines)
            : $"[... {lines.Length - maxLines} lines left out ...]\n" + string.Join('\n', lines[^maxLines..]);
    }
}
