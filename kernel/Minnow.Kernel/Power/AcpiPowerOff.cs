using Minnow.Kernel.Acpi;
using Minnow.Kernel.Cpu;

namespace Minnow.Kernel.Power;

/// <summary>
/// ACPI soft-off: finds the FADT through the RSDP the loader passed, reads SLP_TYPa of \_S5 from the
/// DSDT's AML (a byte pattern, as small kernels do, not a full AML interpreter) and writes it to
/// PM1a_CNT, or to the sleep control register on hardware-reduced platforms such as microvm.
/// </summary>
internal static unsafe class AcpiPowerOff
{
    private const ushort SleepEnable = 1 << 13;

    public static void TryPowerOff()
    {
        byte* fadt = AcpiTables.Find("FACP"u8);
        if (fadt == null)
            return;
        uint length = *(uint*)(fadt + 4);
        ulong dsdt = length >= 148 && *(ulong*)(fadt + 140) != 0 ? *(ulong*)(fadt + 140) : *(uint*)(fadt + 40);
        int sleepType = FindS5SleepType((byte*)dsdt);
        if (sleepType < 0)
            return;

        bool hardwareReduced = length >= 116 && (*(uint*)(fadt + 112) & (1u << 20)) != 0;
        if (hardwareReduced && length >= 256)
        {
            // SLEEP_CONTROL_REG: a Generic Address Structure at offset 244.
            byte space = fadt[244];
            ulong address = *(ulong*)(fadt + 248);
            byte value = (byte)(((sleepType & 7) << 2) | (1 << 5));
            if (space == 0 && address != 0)
                *(byte*)address = value;
            else if (space == 1 && address != 0)
                CpuInstructions.OutByte((ushort)address, value);
            return;
        }
        uint pm1a = *(uint*)(fadt + 64);
        if (pm1a != 0)
            CpuInstructions.OutWord((ushort)pm1a, (ushort)((sleepType << 10) | SleepEnable));
    }

    /// <summary>Finds "_S5_", a Package, and returns its first element (SLP_TYPa), or -1.</summary>
    private static int FindS5SleepType(byte* dsdt)
    {
        if (dsdt == null || !new ReadOnlySpan<byte>(dsdt, 4).SequenceEqual("DSDT"u8))
            return -1;
        uint length = *(uint*)(dsdt + 4);
        for (uint i = 36; i + 8 < length; i++)
        {
            if (dsdt[i] != '_' || dsdt[i + 1] != 'S' || dsdt[i + 2] != '5' || dsdt[i + 3] != '_')
                continue;
            byte* p = dsdt + i + 4;
            if (*p != 0x12)   // PackageOp
                continue;
            p++;
            p += ((*p >> 6) & 3) + 1;   // PkgLength: lead byte plus its follow-on bytes
            p++;                        // NumElements
            return *p switch
            {
                0x0A => p[1],           // BytePrefix
                0x00 => 0,              // ZeroOp
                0x01 => 1,              // OneOp
                _ => -1,
            };
        }
        return -1;
    }
}
