using System.Text.RegularExpressions;
using Minnow.Build.Linking;
using Minnow.Build.Stubs.Runtime;
using Minnow.Qemu.Symbolization;
using Minnow.TestSupport;

namespace Minnow.Build.Tests;

/// <summary>
/// Images take Math from glibc 2.36's libm with every IFUNC bound at link time (Linking/GlibcMath.cs):
/// the binding table against the archive itself, and a math-heavy image linked for each instruction set.
/// </summary>
public sealed partial class GlibcMathTests(GlibcMathTests.MathImages images) : IClassFixture<GlibcMathTests.MathImages>
{
    private static readonly Lazy<Dictionary<string, ElfImage>> s_members = new(() =>
        GlibcMath.ReadArchiveMembers(File.ReadAllBytes(GlibcMath.MathArchive), null)
            .Where(m => m.Key.EndsWith(".o", StringComparison.Ordinal))
            .ToDictionary(m => m.Key, m => ElfImage.Parse(m.Value)));

    /// <summary>The _Float32/_Float64/_Float32x aliases: nothing CoreLib or libm's own objects call.</summary>
    [GeneratedRegex(@"f(32|64|32x)$|^f32xfmaf64$")]
    private static partial Regex FloatNAlias();

    [Fact]
    public void The_binding_table_lists_every_IFUNC_of_the_archive_with_its_member()
    {
        var archiveIfuncs = s_members.Value
            .SelectMany(m => m.Value.Symbols
                .Where(s => s.Type == ElfSymbolType.GnuIndirectFunction && s.IsDefined && !FloatNAlias().IsMatch(s.Name))
                .Select(s => (Member: m.Key, s.Name)))
            .ToHashSet();
        var table = GlibcMath.Ifuncs.SelectMany(i => i.Names.Select(n => (i.Member, Name: n))).ToHashSet();
        Assert.Empty(archiveIfuncs.Except(table));
        Assert.Empty(table.Except(archiveIfuncs));
    }

    [Fact]
    public void Every_bound_variant_is_a_global_function_of_the_archive_and_no_IFUNC()
    {
        var functions = s_members.Value.Values
            .SelectMany(m => m.Symbols.Where(s => s.IsDefined && s.Binding == ElfSymbolBinding.Global && s.Type == ElfSymbolType.Function))
            .Select(s => s.Name)
            .ToHashSet();
        foreach (var ifunc in GlibcMath.Ifuncs)
        {
            Assert.Contains(ifunc.V3, functions);
            Assert.Contains(ifunc.V2, functions);
            // glibc's selectors on a CPU with FMA and AVX2 usable: the FMA build where there is one.
            Assert.Matches(@"_(fma|sse41)$|^__fmaf?_sse2$", ifunc.V3);
            Assert.Matches(@"_(sse2|sse41)$", ifunc.V2);
        }
    }

    [Fact]
    public void Bindings_cover_only_the_members_a_link_extracted()
    {
        string report = "reference\textracted\tsymbol\n" +
            $"prog.o\t{GlibcMath.MathArchive}(s_sin.o)\tsin\n" +
            $"{GlibcMath.MathArchive}(s_sin.o)\t{GlibcMath.MathArchive}(s_sin-fma.o)\t__sin_fma\n" +
            $"prog.o\t/usr/lib/x86_64-linux-musl/libc.a(__tls_get_addr.lo)\t__tls_get_addr\n";
        var members = GlibcMath.ExtractedMathMembers(report);
        Assert.Equal(["s_sin-fma.o", "s_sin.o"], members);
        Assert.Equal(["--defsym=__sin=__sin_fma", "--defsym=sin=__sin_fma", "--defsym=__cos=__cos_fma", "--defsym=cos=__cos_fma"],
            GlibcMath.Bindings("x86-64-v3", members));
        Assert.Equal(["--defsym=__sin=__sin_sse2", "--defsym=sin=__sin_sse2", "--defsym=__cos=__cos_sse2", "--defsym=cos=__cos_sse2"],
            GlibcMath.Bindings("x86-64-v2", members));
    }

    [Fact]
    public void The_stub_object_defines_a_thread_local_errno_and_zeroed_cpu_features()
    {
        foreach (var name in new[] { MathLibraryStubs.ErrnoSymbol, MathLibraryStubs.LibcErrnoSymbol })
        {
            var symbol = StubObject.Symbol(name);
            Assert.Equal(ElfSymbolType.Tls, symbol.Type);
            Assert.Equal(4UL, symbol.Size);
            Assert.True(((ulong)StubObject.SectionOf(symbol).Flags & 0x400) != 0, $"{name} is not in a SHF_TLS section");
        }
        Assert.Equal(StubObject.Symbol(MathLibraryStubs.ErrnoSymbol).Value, StubObject.Symbol(MathLibraryStubs.LibcErrnoSymbol).Value);
        Assert.Equal(ElfSymbolType.Object, StubObject.Symbol(MathLibraryStubs.CpuFeaturesSymbol).Type);
    }

    [Theory]
    [InlineData("x86-64-v3", "_fma")]
    [InlineData("x86-64-v2", "_sse2")]
    public void A_math_image_calls_the_variant_of_its_instruction_set_with_no_IFUNC_left(string isa, string suffix)
    {
        var image = images.Get(isa);
        Assert.Null(image.FindSection(".iplt"));
        // Only the unbound _Float aliases (sinf64, ...) keep the IFUNC type, and nothing calls them (no .iplt).
        Assert.All(image.Symbols.Where(s => s.Type == ElfSymbolType.GnuIndirectFunction), s => Assert.Matches(FloatNAlias(), s.Name));
        ulong Address(string name) => image.Symbols.First(s => s.Name == name && s.IsDefined).Value;
        // What ilc's code calls is RedZoneGuard's wrapper (pushfq; cli; movabs rax, VARIANT; call rax; ...).
        ulong WrapperTarget(string name)
        {
            Assert.Equal(Address("__wrap_" + name), Address(name));
            Span<byte> code = stackalloc byte[12];
            Assert.True(image.TryReadBytes(Address(name), code));
            Assert.True(code[0] == 0x9C && code[1] == 0xFA && code[2] == 0x48 && code[3] == 0xB8, $"{name}'s wrapper is not pushfq; cli; movabs rax");
            return BitConverter.ToUInt64(code[4..]);
        }
        foreach (var (name, variant) in new[] { ("sin", "__sin"), ("cos", "__cos"), ("tan", "__tan"), ("atan", "__atan") })
            Assert.Equal(Address(variant + suffix), WrapperTarget(name));
        foreach (var (name, variant) in new[] { ("__ieee754_exp", "__ieee754_exp"), ("__ieee754_pow", "__ieee754_pow"), ("__ieee754_acos", "__ieee754_acos") })
            Assert.Equal(Address(variant + suffix), Address(name));
        Assert.Equal(Address("__floor_sse41"), WrapperTarget("floor"));
        Assert.Equal(ElfSymbolType.Tls, image.Symbols.First(s => s.Name == "errno").Type);
        // cbrt's helpers are glibc's (musl's frexp leaves the exponent unset for infinities).
        Assert.Contains(image.Symbols, s => s.Name == "__frexp" && s.IsDefined);
    }

    /// <summary>tests/conformance/math-double, built once per instruction set.</summary>
    public sealed class MathImages
    {
        private readonly Dictionary<string, ElfImage> _images = new();

        public ElfImage Get(string isa)
        {
            lock (_images)
            {
                if (_images.TryGetValue(isa, out var cached))
                    return cached;
                string name = "tests-glibc-math-" + isa;
                string image = Path.Combine(RepositoryPaths.TestImages, name + ".elf");
                var result = MinnowTool.Invoke(["build", RepositoryPaths.Combine("tests", "conformance", "math-double"), "-o", image, "--isa", isa], MinnowTool.BuildTimeout);
                Assert.True(result.ExitCode == 0, $"minnow build --isa {isa} failed:\n{result.StandardOutput}\n{result.StandardError}");
                return _images[isa] = ElfImage.Load(Path.Combine(RepositoryPaths.TestImages, name + ".debug.elf"));
            }
        }
    }
}
