using Minnow.Kernel.Console;

namespace Minnow.Kernel.Cpu;

/// <summary>
/// CPUID checks at boot. Images are compiled for x86-64-v2 (SSE4.2, POPCNT: ilc uses them without a
/// run-time check), so a CPU without them must be refused with a message, not a #UD later.
/// AVX state is switched on where the CPU and XSAVE allow it.
/// </summary>
public static unsafe class CpuFeatures
{
    public static bool HasAvx { get; private set; }
    public static bool HasAvx2 { get; private set; }
    public static bool HasInvariantTsc { get; private set; }
    public static bool HasLocalApic { get; private set; }

    /// <summary>CPUID.1:ECX bit 30: RDRAND.</summary>
    public static bool HasRandomNumberGenerator { get; private set; }

    /// <summary>CPUID.1:ECX bit 31: running under a hypervisor, whose leaves start at 0x40000000.</summary>
    public static bool HasHypervisor { get; private set; }

    public static bool CheckAndEnable()
    {
        uint* r = stackalloc uint[4];
        CpuInstructions.CpuId(1, 0, r);
        uint ecx = r[2];
        bool ok = true;
        ok &= Require(ecx, 0, "SSE3");
        ok &= Require(ecx, 9, "SSSE3");
        ok &= Require(ecx, 13, "CMPXCHG16B");
        ok &= Require(ecx, 19, "SSE4.1");
        ok &= Require(ecx, 20, "SSE4.2");
        ok &= Require(ecx, 23, "POPCNT");
        if (!ok)
        {
            KernelLog.WriteLine("this image is built for x86-64-v2; give QEMU a CPU model that has it (-cpu max under TCG, -cpu host under KVM)");
            return false;
        }

        HasLocalApic = (r[3] & (1u << 9)) != 0;
        HasHypervisor = (ecx & (1u << 31)) != 0;
        HasRandomNumberGenerator = (ecx & (1u << 30)) != 0;
        bool xsave = (ecx & (1u << 26)) != 0;
        bool avx = (ecx & (1u << 28)) != 0;
        if (xsave && avx)
        {
            CpuInstructions.WriteCr4(CpuInstructions.ReadCr4() | (1UL << 18));   // OSXSAVE
            CpuInstructions.WriteXcr(0, 0b111);                                    // x87 | SSE | AVX
            ExtendedState.UseXsave();
            HasAvx = true;
            CpuInstructions.CpuId(7, 0, r);
            HasAvx2 = (r[1] & (1u << 5)) != 0;
        }
        CpuInstructions.CpuId(0x8000_0000, 0, r);
        if (r[0] >= 0x8000_0007)
        {
            CpuInstructions.CpuId(0x8000_0007, 0, r);
            HasInvariantTsc = (r[3] & (1u << 8)) != 0;
        }
        return true;
    }

    private static bool Require(uint register, int bit, string name)
    {
        if ((register & (1u << bit)) != 0)
            return true;
        KernelLog.Write("CPU lacks ");
        KernelLog.WriteLine(name);
        return false;
    }
}
