#!/usr/bin/env bash
# Boots the guest that build.sh made and prints one JSON object with its timings.
#
#   bench/linux-guest/boot.sh OUTDIR [--machine microvm|q35] [--accel tcg|kvm]
#                             [--run /bin/hello] [--args "A B"] [--timeout SECONDS] [--append "ARGS"]
#                             [--mem SIZE] [--cpu MODEL] [--net tap:NAME[,mac=M]|user[:OPTS]]
#                             [--ip A.B.C.D/NN [--gw A.B.C.D]]
#
# {"machine", "accel", "qemu_wall_ms" (qemu process start to exit), "init_seen_ms" (qemu
#  start to the MINNOW-LINUX-INIT line on the console), "guest_uptime_at_init_s",
#  "run_exit", "run_output", "qemu_max_rss_kb" (peak resident set of the QEMU process),
#  "ok", "reason", ...}. Exit status 0 when ok, else 1.
# --args: the program's arguments, separated by spaces (none may contain a space or a comma:
#  they travel on the kernel command line as minnow.args=A,B). --mem: QEMU -m (default 256M).
# --cpu: QEMU -cpu (default: QEMU's own default model).
# --net: one NIC, the same device Minnow's qemu/run gives an image (virtio-net-pci, modern only,
#  no option ROM, MAC 52:54:00:12:34:56 unless given; on microvm with pcie=on). --ip/--gw: the
#  guest's static address (/init loads virtio-net and configures eth0; MINNOW-LINUX-NET line).
# Environment: MINNOW_TSC_KHZ overrides the host TSC frequency (see tsc_khz below).
set -euo pipefail

die() { echo "boot.sh: error: $*" >&2; exit 2; }

usage="usage: $0 OUTDIR [--machine microvm|q35] [--accel tcg|kvm] [--run /path] [--args ARGS] [--timeout SECONDS] [--append ARGS] [--mem SIZE] [--cpu MODEL] [--net tap:NAME[,mac=M]|user[:OPTS]] [--ip A.B.C.D/NN] [--gw A.B.C.D]"
[ $# -ge 1 ] || die "$usage"
out="$1"; shift
machine=microvm accel=tcg run='' timeout=120 append='' runargs='' mem=256M cpu='' net='' ip='' gw=''
while [ $# -gt 0 ]; do
	case "$1" in
	--machine) machine="${2:?--machine needs a value}"; shift 2 ;;
	--accel) accel="${2:?--accel needs a value}"; shift 2 ;;
	--run) run="${2:?--run needs a path}"; shift 2 ;;
	--timeout) timeout="${2:?--timeout needs seconds}"; shift 2 ;;
	--append) append="${2:?--append needs kernel arguments}"; shift 2 ;;
	--args) runargs="$2"; shift 2 ;;
	--mem) mem="${2:?--mem needs a size}"; shift 2 ;;
	--cpu) cpu="${2:?--cpu needs a model}"; shift 2 ;;
	--net) net="${2:?--net needs tap:NAME or user}"; shift 2 ;;
	--ip) ip="${2:?--ip needs an address/prefix}"; shift 2 ;;
	--gw) gw="${2:?--gw needs an address}"; shift 2 ;;
	*) die "unknown argument '$1'; $usage" ;;
	esac
done
case "$machine" in microvm|q35) ;; *) die "--machine must be microvm or q35" ;; esac
case "$accel" in tcg|kvm) ;; *) die "--accel must be tcg or kvm" ;; esac
[[ "$timeout" =~ ^[0-9]+$ ]] || die "--timeout must be whole seconds"
[[ "$run" =~ ^[^[:space:]]*$ ]] || die "--run path must not contain spaces (it goes on the kernel command line)"
[[ "$runargs" != *,* ]] || die "--args must not contain commas (they travel as minnow.args=A,B)"
[ -z "$runargs" ] || [ -n "$run" ] || die "--args needs --run"
[[ "$mem" =~ ^[0-9]+[MG]?$ ]] || die "--mem must be a size like 256M"
[[ -z "$ip" || "$ip" =~ ^[0-9]+(\.[0-9]+){3}/[0-9]+$ ]] || die "--ip must look like 10.0.0.2/24"
[[ -z "$gw" || "$gw" =~ ^[0-9]+(\.[0-9]+){3}$ ]] || die "--gw must look like 10.0.0.1"
[ -z "$ip" ] || [ -n "$net" ] || die "--ip needs --net"
nic=()
case "$net" in
'') ;;
tap:*) tap="${net#tap:}" mac=52:54:00:12:34:56
	if [[ "$tap" == *,mac=* ]]; then mac="${tap#*,mac=}" tap="${tap%%,*}"; fi
	[[ "$tap" =~ ^[A-Za-z0-9_.-]+$ && "$mac" =~ ^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$ ]] || die "--net tap:NAME[,mac=XX:XX:XX:XX:XX:XX]"
	nic=(-netdev "tap,id=net0,ifname=$tap,script=no,downscript=no" -device "virtio-net-pci,netdev=net0,disable-legacy=on,romfile=,mac=$mac") ;;
user|user:*) opts="${net#user}"; opts="${opts#:}"
	nic=(-netdev "user,id=net0${opts:+,$opts}" -device "virtio-net-pci,netdev=net0,disable-legacy=on,romfile=,mac=52:54:00:12:34:56") ;;
*) die "--net must be tap:NAME[,mac=M] or user[:OPTS]" ;;
esac
for f in vmlinuz initramfs.cpio.gz; do
	[ -s "$out/$f" ] || die "$out/$f missing: run bench/linux-guest/build.sh $out first"
done

# Same policy as build.sh: install what is missing, apt-get update only then.
ensure_pkg() { # command package
	command -v "$1" >/dev/null && return 0
	[ "$(id -u)" -eq 0 ] || die "$1 not found: apt-get install $2"
	echo "boot.sh: installing $2" >&2
	local log
	log="$(apt-get update -qq 2>&1 && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "$2" 2>&1)" \
		|| { echo "$log" >&2; die "apt-get install $2 failed"; }
}
ensure_pkg qemu-system-x86_64 qemu-system-x86
ensure_pkg python3 python3

# microvm has no HPET and no ACPI PM timer; under TCG Linux then fails to calibrate the
# TSC ("tsc: Unable to calibrate against PIT", "Marking TSC unstable") and the boot hangs.
# Under TCG the guest's TSC is the host's TSC, so the host's frequency is the right value
# to pass. (Under KVM, kvm-clock supplies it.)
tsc_khz() {
	local mhz=
	if [ -n "${MINNOW_TSC_KHZ:-}" ]; then echo "$MINNOW_TSC_KHZ"; return; fi
	mhz="$(dmesg 2>/dev/null | sed -n 's/.*tsc: Refined TSC clocksource calibration: \([0-9.]*\) MHz.*/\1/p' | tail -n1)"
	[ -n "$mhz" ] || mhz="$(dmesg 2>/dev/null | sed -n 's/.*tsc: Detected \([0-9.]*\) MHz processor.*/\1/p' | tail -n1)"
	# On VMs and constant-TSC CPUs "cpu MHz" is the TSC rate.
	if [ -z "$mhz" ] && grep -qw constant_tsc /proc/cpuinfo; then
		mhz="$(sed -n 's/^cpu MHz[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
	fi
	[ -n "$mhz" ] && awk -v m="$mhz" 'BEGIN { printf "%d\n", m * 1000 }'
}

# quiet: the console is a 115200-baud UART, every kernel line costs boot time.
# panic=-1 with -no-reboot: a guest that panics ends QEMU instead of hanging.
cmdline="console=ttyS0 quiet panic=-1"
qemu=(qemu-system-x86_64 -nographic -no-reboot -m "$mem" -kernel "$out/vmlinuz" -initrd "$out/initramfs.cpio.gz")
case "$machine" in
microvm)
	# With a NIC, the PCIe host bridge Minnow's images get too (their virtio-net is a PCI function).
	if [ ${#nic[@]} -gt 0 ]; then qemu+=(-M microvm,pcie=on); else qemu+=(-M microvm); fi
	if [ "$accel" = tcg ]; then
		khz="$(tsc_khz)" || true
		if [ -n "$khz" ]; then cmdline+=" tsc_early_khz=$khz"
		else echo "boot.sh: warning: host TSC frequency unknown (set MINNOW_TSC_KHZ); microvm may hang" >&2; fi
	fi ;;
q35) qemu+=(-M q35) ;;
esac
if [ "$accel" = kvm ] && [ ! -w /dev/kvm ]; then
	die "--accel kvm: /dev/kvm missing or not writable"
fi
qemu+=(-accel "$accel")
if [ ${#nic[@]} -gt 0 ]; then qemu+=("${nic[@]}"); else qemu+=(-nic none); fi
[ -n "$cpu" ] && qemu+=(-cpu "$cpu")
[ -n "$append" ] && cmdline+=" $append"
[ -n "$ip" ] && cmdline+=" minnow.ip=$ip"
[ -n "$gw" ] && cmdline+=" minnow.gw=$gw"
[ -n "$run" ] && cmdline+=" minnow.run=$run"
# read -a: split on spaces; the joined words never hold a comma (checked above).
if [ -n "$runargs" ]; then read -r -a words <<< "$runargs"; cmdline+=" minnow.args=$(IFS=,; echo "${words[*]}")"; fi
qemu+=(-append "$cmdline")

exec python3 - "$machine" "$accel" "$run" "$timeout" "$cmdline" "${qemu[@]}" <<'PY'
import json, os, re, select, signal, subprocess, sys, time

machine, accel, run, timeout, cmdline = sys.argv[1:6]
argv = sys.argv[6:]
result = {"machine": machine, "accel": accel, "qemu_wall_ms": None, "init_seen_ms": None,
          "guest_uptime_at_init_s": None, "run": run or None, "run_exit": None,
          "run_output": None, "qemu_max_rss_kb": None, "ok": False, "reason": None, "cmdline": cmdline}

init_re = re.compile(rb"MINNOW-LINUX-INIT ([0-9.]+)\r?\n")
exit_re = re.compile(rb"MINNOW-LINUX-EXIT (-?[0-9]+)\r?\n")
console = bytearray()
deadline_s = float(timeout)

t0 = time.monotonic()
proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT)
fd = proc.stdout.fileno()
timed_out = False
while True:
    left = deadline_s - (time.monotonic() - t0)
    if left <= 0:
        timed_out = True
        break
    ready, _, _ = select.select([fd], [], [], left)
    if not ready:
        continue
    chunk = os.read(fd, 65536)
    now = time.monotonic()
    if not chunk:
        break  # qemu closed its output: it is exiting
    console += chunk
    if result["init_seen_ms"] is None:
        m = init_re.search(console)
        if m:
            result["init_seen_ms"] = round((now - t0) * 1000, 1)
            result["guest_uptime_at_init_s"] = float(m.group(1))
# os.wait4 instead of proc.wait(): the rusage gives QEMU's peak resident set (ru_maxrss, KiB).
reaped = None
if timed_out:
    proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 5
    while reaped is None and time.monotonic() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            reaped = (status, usage)
        else:
            time.sleep(0.05)
    if reaped is None:
        proc.kill()
if reaped is None:
    _, status, usage = os.wait4(proc.pid, 0)
    reaped = (status, usage)
proc.returncode = rc = os.waitstatus_to_exitcode(reaped[0])
result["qemu_max_rss_kb"] = reaped[1].ru_maxrss
result["qemu_wall_ms"] = round((time.monotonic() - t0) * 1000, 1)

text = console.replace(b"\r", b"")
m_init = init_re.search(console)
m_exit = exit_re.search(console, m_init.end() if m_init else 0)
if m_exit:
    result["run_exit"] = int(m_exit.group(1))
if m_init and run:
    # What the program wrote: everything between the two marker lines.
    end = m_exit.start() if m_exit else len(console)
    result["run_output"] = console[m_init.end():end].replace(b"\r", b"").decode("utf-8", "replace")

def last_lines(n=5):
    lines = [l for l in text.decode("utf-8", "replace").splitlines() if l.strip()]
    return " | ".join(lines[-n:])

if timed_out:
    result["reason"] = f"timeout after {timeout} s; QEMU killed; console tail: {last_lines()}"
elif rc != 0:
    result["reason"] = f"qemu exited with status {rc}: {last_lines()}"
elif not m_init:
    result["reason"] = f"no MINNOW-LINUX-INIT line on the console: {last_lines()}"
elif run and m_exit is None:
    result["reason"] = f"no MINNOW-LINUX-EXIT line after running {run}: {last_lines()}"
elif run and result["run_exit"] != 0:
    result["reason"] = f"{run} exited with status {result['run_exit']}"
else:
    result["ok"] = True
print(json.dumps(result))
sys.exit(0 if result["ok"] else 1)
PY
