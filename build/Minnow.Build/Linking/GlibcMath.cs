using System.Text;
using Minnow.Build.Compilation;
using Minnow.Build.Stubs;

namespace Minnow.Build.Linking;

/// <summary>
/// The C math functions CoreLib calls (sin, cbrt, acosf, ...) come from glibc 2.36's static libm
/// (Debian 12's libc6-dev), the library host .NET on Linux calls, so Math and MathF give the host's
/// bits. glibc picks most of them per CPU with IFUNC resolvers that read its own cpu_features, which
/// nothing initialises in an image; so no resolver ever runs: every IFUNC symbol a link pulls in is
/// bound with --defsym to the variant glibc's selectors (sysdeps/x86_64/fpu/multiarch/ifunc-*.h)
/// choose for the image's instruction set, and image.ld asserts that no IFUNC PLT is left.
/// <list type="bullet">
/// <item>x86-64-v3 (AVX2 and FMA guaranteed): the *_fma variants, as glibc chooses on any CPU with
/// FMA and AVX2 usable (ifunc-fma.h, ifunc-fma4.h and ifunc-avx-fma4.h test that first), and the
/// *_sse41 rounding functions.</item>
/// <item>x86-64-v2: the *_sse2 baseline (what glibc chooses without AVX2/FMA) and *_sse41.</item>
/// </list>
/// fma/fmaf bind to the software *_sse2 variant on both (the FMA one is a local symbol): fma is
/// exactly rounded by definition, so every variant gives the same bits, and ilc emits vfmadd itself
/// for Math.FusedMultiplyAdd on v3. A few exact helpers libm calls live in glibc's libc.a
/// (__frexp/__ldexp for cbrt, modf for Math.Truncate on v2): those members are extracted and linked
/// lazily (--start-lib). errno and _dl_x86_cpu_features come from the stub object (MathLibraryStubs).
/// </summary>
public static class GlibcMath
{
    /// <summary>glibc's libm (libm.a is a linker script naming this and libmvec, which images do not need).</summary>
    public const string MathArchive = "/usr/lib/x86_64-linux-gnu/libm-2.36.a";
    public const string CArchive = "/usr/lib/x86_64-linux-gnu/libc.a";
    public const string Package = "libc6-dev";

    /// <summary>Members of glibc's libc.a that libm's functions (or ilc's code) call: exact, self-contained (errno aside).</summary>
    public static readonly string[] CMembers =
        ["s_frexp.o", "s_frexpf.o", "s_ldexp.o", "s_ldexpf.o", "s_scalbn.o", "s_scalbnf.o", "s_modf.o", "s_modff.o"];

    /// <summary>One IFUNC of libm-2.36.a: the member defining it, its names (aliases at one address), and the variant bound on each instruction set.</summary>
    public sealed record Ifunc(string Member, string[] Names, string V3, string V2);

    /// <summary>
    /// Every IFUNC symbol in libm-2.36.a (nm type 'i'), grouped by resolver. Names that CoreLib and
    /// libm's own objects can refer to are listed; the _Float32/_Float64 aliases (sinf64, ...) are not.
    /// Build.Tests checks this table against the archive.
    /// </summary>
    public static readonly Ifunc[] Ifuncs =
    [
        new("e_asin.o", ["__ieee754_asin"], "__ieee754_asin_fma", "__ieee754_asin_sse2"),
        new("e_asin.o", ["__ieee754_acos"], "__ieee754_acos_fma", "__ieee754_acos_sse2"),
        new("e_atan2.o", ["__ieee754_atan2"], "__ieee754_atan2_fma", "__ieee754_atan2_sse2"),
        new("e_exp.o", ["__ieee754_exp"], "__ieee754_exp_fma", "__ieee754_exp_sse2"),
        new("e_exp2f.o", ["__exp2f", "__ieee754_exp2f", "exp2f"], "__exp2f_fma", "__exp2f_sse2"),
        new("e_expf.o", ["__expf", "__ieee754_expf", "expf"], "__expf_fma", "__expf_sse2"),
        new("e_log.o", ["__ieee754_log"], "__ieee754_log_fma", "__ieee754_log_sse2"),
        new("e_log2.o", ["__log2", "__ieee754_log2", "log2"], "__log2_fma", "__log2_sse2"),
        new("e_log2f.o", ["__log2f", "__ieee754_log2f", "log2f"], "__log2f_fma", "__log2f_sse2"),
        new("e_logf.o", ["__logf", "__ieee754_logf", "logf"], "__logf_fma", "__logf_sse2"),
        new("e_pow.o", ["__ieee754_pow"], "__ieee754_pow_fma", "__ieee754_pow_sse2"),
        new("e_powf.o", ["__powf", "__ieee754_powf", "powf"], "__powf_fma", "__powf_sse2"),
        new("s_atan.o", ["__atan", "atan"], "__atan_fma", "__atan_sse2"),
        new("s_ceil.o", ["__ceil", "ceil"], "__ceil_sse41", "__ceil_sse41"),
        new("s_ceilf.o", ["__ceilf", "ceilf"], "__ceilf_sse41", "__ceilf_sse41"),
        new("s_cosf.o", ["__cosf", "cosf"], "__cosf_fma", "__cosf_sse2"),
        new("s_expm1.o", ["__expm1", "expm1"], "__expm1_fma", "__expm1_sse2"),
        new("s_floor.o", ["__floor", "floor"], "__floor_sse41", "__floor_sse41"),
        new("s_floorf.o", ["__floorf", "floorf"], "__floorf_sse41", "__floorf_sse41"),
        new("s_fma.o", ["__fma", "fma"], "__fma_sse2", "__fma_sse2"),
        new("s_fmaf.o", ["__fmaf", "fmaf"], "__fmaf_sse2", "__fmaf_sse2"),
        new("s_log1p.o", ["__log1p"], "__log1p_fma", "__log1p_sse2"),
        new("s_nearbyint.o", ["__nearbyint", "nearbyint"], "__nearbyint_sse41", "__nearbyint_sse41"),
        new("s_nearbyintf.o", ["__nearbyintf", "nearbyintf"], "__nearbyintf_sse41", "__nearbyintf_sse41"),
        new("s_rint.o", ["__rint", "rint"], "__rint_sse41", "__rint_sse41"),
        new("s_rintf.o", ["__rintf", "rintf"], "__rintf_sse41", "__rintf_sse41"),
        new("s_roundeven.o", ["__roundeven", "roundeven"], "__roundeven_sse41", "__roundeven_sse41"),
        new("s_roundevenf.o", ["__roundevenf", "roundevenf"], "__roundevenf_sse41", "__roundevenf_sse41"),
        new("s_sin.o", ["__sin", "sin"], "__sin_fma", "__sin_sse2"),
        new("s_sin.o", ["__cos", "cos"], "__cos_fma", "__cos_sse2"),
        new("s_sincos.o", ["__sincos", "sincos"], "__sincos_fma", "__sincos_sse2"),
        new("s_sincosf.o", ["__sincosf", "sincosf"], "__sincosf_fma", "__sincosf_sse2"),
        new("s_sinf.o", ["__sinf", "sinf"], "__sinf_fma", "__sinf_sse2"),
        new("s_tan.o", ["__tan", "tan"], "__tan_fma", "__tan_sse2"),
        new("s_trunc.o", ["__trunc", "trunc"], "__trunc_sse41", "__trunc_sse41"),
        new("s_truncf.o", ["__truncf", "truncf"], "__truncf_sse41", "__truncf_sse41"),
    ];

    /// <summary>A text form of everything above, for the image fingerprint.</summary>
    public static string Description =>
        MathArchive + "\n" + CArchive + "\n" + string.Join("\n", CMembers) + "\n" +
        string.Join("\n", Ifuncs.Select(i => $"{i.Member} {string.Join(",", i.Names)} {i.V3} {i.V2}"));

    public static void RequireArchives()
    {
        foreach (var archive in new[] { MathArchive, CArchive })
            if (!File.Exists(archive))
                throw new BuildException($"{archive} not found: install the Debian package '{Package}' (make deps does it); images take their math library (glibc 2.36's libm) from it");
    }

    /// <summary>
    /// The --defsym options binding the IFUNCs of the libm members a link extracted
    /// (<paramref name="extractedMembers"/>, from ld.lld --why-extract) for <paramref name="instructionSet"/>.
    /// Only those: a --defsym makes ld.lld extract its target, so binding every IFUNC would put all
    /// of libm in every image.
    /// </summary>
    public static IReadOnlyList<string> Bindings(string instructionSet, IEnumerable<string> extractedMembers)
    {
        bool v3 = InstructionSets.RequiresAvx2(instructionSet);
        var members = extractedMembers.ToHashSet(StringComparer.Ordinal);
        return Ifuncs.Where(i => members.Contains(i.Member))
            .SelectMany(i => i.Names.Select(n => $"--defsym={n}={(v3 ? i.V3 : i.V2)}"))
            .ToList();
    }

    /// <summary>
    /// The libm-2.36.a members ld.lld's --why-extract report lists as extracted
    /// (tab-separated "reference, extracted, symbol" lines; extracted reads ARCHIVE(MEMBER)).
    /// </summary>
    public static IReadOnlyList<string> ExtractedMathMembers(string whyExtractReport)
    {
        string prefix = MathArchive + "(";
        return whyExtractReport.Split('\n')
            .Select(line => line.Split('\t'))
            .Where(f => f.Length >= 3 && f[1].StartsWith(prefix, StringComparison.Ordinal) && f[1].EndsWith(')'))
            .Select(f => f[1][prefix.Length..^1])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Writes <see cref="CMembers"/> from glibc's libc.a into <paramref name="directory"/> (kept while unchanged) and returns their paths.</summary>
    public static IReadOnlyList<string> ExtractCMembers(string directory)
    {
        Directory.CreateDirectory(directory);
        var members = ReadArchiveMembers(File.ReadAllBytes(CArchive), CMembers);
        var paths = new List<string>();
        foreach (var name in CMembers)
        {
            if (!members.TryGetValue(name, out var bytes))
                throw new BuildException($"{CArchive} has no member {name}: images need glibc 2.36's (Debian 12's {Package})");
            string path = Path.Combine(directory, name);
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
                File.WriteAllBytes(path, bytes);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Reads the members named <paramref name="wanted"/> (all when null; the first of each name) from a GNU/System V ar archive.</summary>
    public static Dictionary<string, byte[]> ReadArchiveMembers(byte[] archive, IReadOnlyCollection<string>? wanted)
    {
        const int headerSize = 60;
        if (archive.Length < 8 || Encoding.ASCII.GetString(archive, 0, 8) != "!<arch>\n")
            throw new BuildException("not an ar archive (thin archives are not supported)");
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string longNames = "";
        int at = 8;
        while (at + headerSize <= archive.Length && (wanted is null || found.Count < wanted.Count))
        {
            string rawName = Encoding.ASCII.GetString(archive, at, 16).TrimEnd(' ');
            if (!int.TryParse(Encoding.ASCII.GetString(archive, at + 48, 10).Trim(), out int size) || archive[at + 58] != '`' || archive[at + 59] != '\n')
                throw new BuildException($"malformed ar member header at offset {at}");
            int data = at + headerSize;
            string name;
            if (rawName == "//")
            {
                longNames = Encoding.ASCII.GetString(archive, data, size);
                name = "";
            }
            else if (rawName.StartsWith('/') && rawName.Length > 1 && int.TryParse(rawName[1..], out int offset))
            {
                int end = longNames.IndexOf('\n', offset);
                name = (end < 0 ? longNames[offset..] : longNames[offset..end]).TrimEnd('/');
            }
            else
                name = rawName == "/" ? "" : rawName.TrimEnd('/');
            if (name.Length > 0 && (wanted is null || wanted.Contains(name)) && !found.ContainsKey(name))
                found[name] = archive.AsSpan(data, size).ToArray();
            at = data + size + (size & 1);
        }
        return found;
    }
}
