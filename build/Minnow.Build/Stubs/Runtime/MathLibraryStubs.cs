using Minnow.Build.Elf;

namespace Minnow.Build.Stubs.Runtime;

/// <summary>
/// The two data symbols glibc's libm needs from the rest of glibc (see Linking/GlibcMath.cs):
/// <list type="bullet">
/// <item><c>errno</c> (libm's name) and <c>__libc_errno</c> (libc's frexp/ldexp): one thread-local
/// int, reached with initial-exec TLS that ld.lld resolves to an %fs offset. The kernel gives every
/// thread its own copy of the TLS image (kernel/Minnow.Kernel/Threading/ThreadLocalStorage.cs), so
/// a domain error in one thread's Math.Acos(2) writes that thread's word and no one reads it.</item>
/// <item><c>_dl_x86_cpu_features</c>: read only by glibc's IFUNC resolvers, which images link but
/// never call (GlibcMath binds every IFUNC symbol to one variant with --defsym, and image.ld asserts
/// that no IFUNC PLT is left). Zeroed, so a resolver that ran anyway would choose the SSE2 baseline.</item>
/// </list>
/// </summary>
public static class MathLibraryStubs
{
    public const string ErrnoSymbol = "errno";
    public const string LibcErrnoSymbol = "__libc_errno";
    public const string CpuFeaturesSymbol = "_dl_x86_cpu_features";
    public const ulong CpuFeaturesSize = 256;

    public static void Emit(StubObjectBuilder s)
    {
        var tbss = s.AddSection(".tbss.minnow_errno", ElfSectionKind.ThreadLocalBss, 4);
        ulong errno = tbss.Reserve(4);
        tbss.Define(ErrnoSymbol, errno, 4, ElfConstants.SymbolTls);
        tbss.Define(LibcErrnoSymbol, errno, 4, ElfConstants.SymbolTls);
        s.BssObject(CpuFeaturesSymbol, CpuFeaturesSize, 64);
    }
}
