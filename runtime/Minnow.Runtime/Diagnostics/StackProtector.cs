using System.Runtime;
using Minnow.Kernel;

namespace Minnow.Runtime.Diagnostics;

/// <summary>
/// The C stack protector's failure path, for the musl math functions linked into images (built
/// with -fstack-protector; their canary lives at %fs:0x28, inside each thread's zeroed TLS control block).
/// </summary>
internal static class StackProtector
{
    [RuntimeExport("__stack_chk_fail")]
    private static void Fail() => Panic.Fail("stack smashing detected in native code (__stack_chk_fail)");
}
