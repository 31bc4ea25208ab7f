using Iced.Intel;
using Minnow.Build.Stubs;
using static Iced.Intel.AssemblerRegisters;

namespace Minnow.Build.Linking;

/// <summary>
/// Keeps interrupts out of the C math library. gcc compiles glibc's libm for user space, where the
/// 128 bytes below the stack pointer (the System V red zone) are the function's own: it spills
/// temporaries there without moving rsp. Minnow takes interrupts on the interrupted thread's stack,
/// and the CPU pushes its interrupt frame right below rsp, over any red-zone data. ilc's code never
/// uses the red zone; libm's does. So every libm function the image's code calls is reached through
/// a wrapper (ld.lld --wrap) that saves RFLAGS, disables interrupts, calls the real function and
/// restores RFLAGS (and with it the interrupt flag). Interrupts wait at most one math call.
/// </summary>
public static class RedZoneGuard
{
    /// <summary>C functions CoreLib's Math, MathF and double remainder call (RuntimeImports), and the libm helpers they may reach directly.</summary>
    public static readonly string[] CandidateFunctions =
    [
        "acos", "acosf", "acosh", "acoshf", "asin", "asinf", "asinh", "asinhf", "atan", "atanf", "atan2", "atan2f",
        "atanh", "atanhf", "cbrt", "cbrtf", "ceil", "ceilf", "cos", "cosf", "cosh", "coshf", "exp", "expf", "exp2", "exp2f",
        "expm1", "expm1f", "floor", "floorf", "fma", "fmaf", "fmod", "fmodf", "frexp", "frexpf", "hypot", "hypotf",
        "ilogb", "ilogbf", "ldexp", "ldexpf", "log", "logf", "log10", "log10f", "log1p", "log1pf", "log2", "log2f",
        "modf", "modff", "nearbyint", "nearbyintf", "pow", "powf", "remainder", "remainderf", "rint", "rintf",
        "round", "roundf", "scalbn", "scalbnf", "sin", "sinf", "sincos", "sincosf", "sinh", "sinhf", "sqrt", "sqrtf",
        "tan", "tanf", "tanh", "tanhf", "trunc", "truncf",
    ];

    /// <summary>Part of an image's build fingerprint: what the guard does.</summary>
    public const string Description = "red-zone guard v1: pushfq; cli; call __real_X; popfq; ret";

    /// <summary>
    /// The wrappers for the libm functions among <paramref name="undefinedSymbols"/> (the ilc object's
    /// imports), and the link options that route calls through them, given GlibcMath's
    /// <paramref name="bindings"/> (<c>--defsym=NAME=VARIANT</c> for IFUNCs). A plain function is
    /// wrapped with <c>--wrap=NAME</c> (its wrapper calls <c>__real_NAME</c>); an IFUNC-bound one has
    /// its binding replaced by <c>--defsym=NAME=__wrap_NAME</c> and its wrapper calls the variant
    /// (ld.lld resolves a --defsym symbol before --wrap could redirect references to it).
    /// </summary>
    public static (byte[] Object, IReadOnlyList<string> Options) Build(IEnumerable<string> undefinedSymbols, IReadOnlyList<string> bindings)
    {
        var candidates = CandidateFunctions.ToHashSet(StringComparer.Ordinal);
        var wrapped = undefinedSymbols.Where(candidates.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        var bound = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string option in bindings)
        {
            var parts = option["--defsym=".Length..].Split('=', 2);
            bound[parts[0]] = parts[1];
        }
        var stubs = new StubObjectBuilder();
        var options = new List<string>();
        foreach (string name in wrapped)
        {
            string callee = bound.TryGetValue(name, out string? variant) ? variant : "__real_" + name;
            options.Add(variant != null ? $"--defsym={name}=__wrap_{name}" : "--wrap=" + name);
            ulong target = stubs.AddressOf(callee);
            stubs.Function("__wrap_" + name, a =>
            {
                // Entry: rsp = 16k + 8. After pushfq, rsp is 16-aligned, as the call needs.
                a.pushfq();
                a.cli();
                a.mov(rax, target);   // not an argument register in the System V ABI
                a.call(rax);
                a.popfq();
                a.ret();
            });
        }
        var wrappedNames = wrapped.ToHashSet(StringComparer.Ordinal);
        options.AddRange(bindings.Where(b => !wrappedNames.Contains(b["--defsym=".Length..].Split('=', 2)[0])));
        return (stubs.Build(), options);
    }
}
