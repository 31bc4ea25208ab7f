using Minnow.Kernel.Cpu;
using Minnow.Kernel.Memory;

namespace Minnow.Kernel.Time;

/// <summary>
/// kvmclock, where the hypervisor is KVM and offers it: the guest hands KVM a page through an MSR and
/// KVM writes the pvclock structure (version, TSC timestamp, system time, scale) into it. Minnow
/// reads the scale once for the TSC frequency, then turns the clock off again: the TSC itself stays
/// the clock source (invariant on the hosts KVM runs on), read without touching shared memory.
/// </summary>
public static unsafe class KvmClock
{
    private const uint HypervisorLeaf = 0x4000_0000;
    private const uint KvmFeaturesLeaf = 0x4000_0001;
    private const uint FeatureClockSource2 = 1u << 3;
    private const uint SystemTimeNewMsr = 0x4b56_4d01;
    private const ulong EnableBit = 1;

    /// <summary>The TSC frequency KVM reports, or 0 when this is not KVM or KVM has no kvmclock.</summary>
    public static ulong ReadTscFrequency()
    {
        if (!CpuFeatures.HasHypervisor || !IsKvm())
            return 0;
        uint* r = stackalloc uint[4];
        CpuInstructions.CpuId(KvmFeaturesLeaf, 0, r);
        if ((r[0] & FeatureClockSource2) == 0)
            return 0;

        ulong page = PhysicalMemory.AllocatePages(1);
        if (page == 0)
            return 0;
        var info = (PvClockInfo*)page;
        info->Version = 0;
        CpuInstructions.WriteMsr(SystemTimeNewMsr, page | EnableBit);
        PvClockScale scale = default;
        // An odd version means KVM is in the middle of an update: read again.
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            uint version = Volatile.Read(ref info->Version);
            if (version == 0 || (version & 1) != 0)
                continue;
            scale = new PvClockScale(info->TscToSystemMultiplier, info->TscShift);
            if (Volatile.Read(ref info->Version) == version)
                break;
        }
        CpuInstructions.WriteMsr(SystemTimeNewMsr, 0);
        PhysicalMemory.FreePages(page, 1);
        return scale.TscHz;
    }

    private static bool IsKvm()
    {
        uint* r = stackalloc uint[4];
        CpuInstructions.CpuId(HypervisorLeaf, 0, r);
        // "KVMKVMKVM\0\0\0" in EBX, ECX, EDX.
        return r[0] >= KvmFeaturesLeaf && r[1] == 0x4b4d_564b && r[2] == 0x564b_4d56 && r[3] == 0x0000_004d;
    }

    /// <summary>struct pvclock_vcpu_time_info, as KVM writes it (32 bytes).</summary>
    private struct PvClockInfo
    {
        public uint Version;
        public uint Padding0;
        public ulong TscTimestamp;
        public ulong SystemTime;
        public uint TscToSystemMultiplier;
        public sbyte TscShift;
        public byte Flags;
        public ushort Padding1;
    }
}
