"""The benchmarks' private network: a namespace holding a Linux bridge with the host side's address
and one tap for a guest (QEMU opens it by name from inside the namespace), so benchmark traffic
never leaves the machine. Needs root. Used by net_bench.py and rpc_bench.py."""
import os
import subprocess

HOST_ADDR, GUEST_ADDR, PREFIX = "10.77.0.1", "10.77.0.2", 24
TAP = "bnchtap0"


class BenchNetwork:
    def __init__(self, purpose):
        if os.geteuid() != 0:
            raise SystemExit(f"{purpose}: needs root (it creates a network namespace, a bridge and a tap)")
        self.name = f"minnow-{purpose}-{os.getpid()}"

    def __enter__(self):
        self.delete()
        for args in (["netns", "add", self.name],
                     ["-n", self.name, "link", "set", "lo", "up"],
                     ["-n", self.name, "link", "add", "br0", "type", "bridge"],
                     ["-n", self.name, "addr", "add", f"{HOST_ADDR}/{PREFIX}", "dev", "br0"],
                     ["-n", self.name, "link", "set", "br0", "up"],
                     ["-n", self.name, "tuntap", "add", "dev", TAP, "mode", "tap"],
                     ["-n", self.name, "link", "set", TAP, "master", "br0"],
                     ["-n", self.name, "link", "set", TAP, "up"]):
            p = subprocess.run(["ip"] + args, text=True, capture_output=True)
            if p.returncode != 0:
                self.delete()
                raise SystemExit(f"ip {' '.join(args)} failed: {p.stderr.strip()}")
        return self

    def __exit__(self, *_):
        self.delete()

    def delete(self):
        subprocess.run(["ip", "netns", "del", self.name], capture_output=True)

    def command(self, cmd):
        """cmd run inside the namespace."""
        return ["ip", "netns", "exec", self.name] + [str(c) for c in cmd]


def minnow_guest(tool, image, mem, timeout, prog_args, kargs=""):
    """qemu/run's command for an image on the tap with the guest address (and extra kernel options)."""
    return tool + ["run", str(image), "--machine", "microvm", "--accel", "tcg", "--mem", mem,
                   "--net", f"tap:{TAP}", "--kargs", f"ip={GUEST_ADDR}/{PREFIX} {kargs}".strip(),
                   "--timeout", str(timeout), "--"] + [str(a) for a in prog_args]


def linux_guest(root, guest, program, mem, timeout, prog_args):
    """bench/linux-guest/boot.sh's command for the Linux guest on the same tap, same machine."""
    return [str(root / "bench" / "linux-guest" / "boot.sh"), str(guest), "--machine", "microvm",
            "--accel", "tcg", "--cpu", "max", "--mem", mem, "--net", f"tap:{TAP}",
            "--ip", f"{GUEST_ADDR}/{PREFIX}", "--run", program, "--args", " ".join(map(str, prog_args)),
            # Without it the clocksource watchdog drops the TSC under TCG and guest clocks tick in
            # 4 ms steps (linux-guest/README.md).
            "--append", "tsc=reliable", "--timeout", str(timeout)]
