using Minnow.Qemu.Symbolization;

namespace Minnow.Qemu.Tests;

/// <summary>
/// The captured fixtures in Fixtures/ (see make-fixtures.sh): a gcc -O2 program ("crash") and a
/// trimmed NativeAOT program ("ilc-repro"), each with the panic report gdb captured at its fault and
/// gdb's own backtrace there.
/// </summary>
internal static class FixtureFiles
{
    public const string Crash = "crash";
    public const string CrashObject = "crash.o";
    public const string IlcRepro = "ilc-repro";
    public const string IlcReproImage = "ilc-repro.elf";

    private static readonly Lazy<ElfImage> s_crash = new(() => ElfImage.Load(PathOf(Crash)));
    private static readonly Lazy<ElfImage> s_ilcRepro = new(() => ElfImage.Load(PathOf(IlcReproImage)));

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static ElfImage CrashImage => s_crash.Value;

    public static ElfImage IlcImage => s_ilcRepro.Value;

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static byte[] ReadBytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string[] ReadLines(string name) => File.ReadAllLines(PathOf(name));

    /// <summary>"crash" gives crash.panic.log.</summary>
    public static string[] PanicLog(string fixture) => ReadLines(fixture + ".panic.log");

    public static PanicReport PanicReport(string fixture) => PanicReportParser.ParseAll(PanicLog(fixture)).Single();

    public static IReadOnlyList<GdbFrame> GdbFrames(string fixture) =>
        ReadLines(fixture + ".gdb-frames.txt").Where(l => !l.StartsWith('#')).Select(GdbFrame.Parse).ToList();
}
