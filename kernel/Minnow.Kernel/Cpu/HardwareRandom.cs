namespace Minnow.Kernel.Cpu;

/// <summary>The CPU's random number generator (RDRAND), where it has one.</summary>
public static unsafe class HardwareRandom
{
    public static bool IsAvailable => CpuFeatures.HasRandomNumberGenerator;

    /// <summary>64 random bits; false when the CPU has no generator or it stayed empty through ten tries (Intel's guidance).</summary>
    public static bool TryRead(out ulong value)
    {
        ulong word = 0;
        bool ok = false;
        if (IsAvailable)
            for (int attempt = 0; attempt < 10 && !ok; attempt++)
                ok = CpuInstructions.ReadRandom(&word);
        value = word;
        return ok;
    }
}
