#!/usr/bin/env bash
# Builds the Linux guest that Minnow images are compared with: Debian's own kernel plus a
# busybox initramfs holding a stock NativeAOT build of the hello-world program.
#
#   bench/linux-guest/build.sh OUTDIR [--debs DIR] [--project DIR]... [--binary PATH]...
#
# Outputs: OUTDIR/vmlinuz, OUTDIR/kernel.config, OUTDIR/initramfs.cpio.gz,
#          OUTDIR/hello-linux/hello; .debs are cached in OUTDIR/debs (or --debs DIR, so that
#          several OUTDIRs share one download).
# --project DIR (repeatable): a folder with one NativeAOT linux-x64 .csproj; it is published to
#          OUTDIR/projects/NAME/ and its executable (the csproj's AssemblyName, else the
#          csproj's name) goes into the initramfs as /bin/NAME, beside /bin/hello.
# --binary PATH (repeatable): an executable built elsewhere (e.g. bench/rpc's C client) goes
#          into the initramfs as /bin/$(basename PATH), read from PATH as it is.
# The shared libraries ldd resolves for all of these join the initramfs at their host paths.
# Each step is skipped when its stamp (OUTDIR/stamps/*) matches its inputs.
# Environment: MINNOW_LINUX_KERNEL_PKG (default linux-image-cloud-amd64; linux-image-amd64
# boots the same way, see README.md).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

die() { echo "build.sh: error: $*" >&2; exit 1; }
note() { echo "build.sh: $*" >&2; }

usage="usage: $0 OUTDIR [--debs DIR] [--project DIR]... [--binary PATH]..."
[ $# -ge 1 ] || die "$usage"
mkdir -p "$1"
out="$(cd "$1" && pwd)"; shift
debs="$out/debs" stamps="$out/stamps" projects=() binaries=()
while [ $# -gt 0 ]; do
	case "$1" in
	--debs) mkdir -p "${2:?--debs needs a folder}"; debs="$(cd "$2" && pwd)"; shift 2 ;;
	--project) [ -d "${2:?--project needs a folder}" ] || die "--project $2: no such folder"
		projects+=("$(cd "$2" && pwd)"); shift 2 ;;
	--binary) [ -f "${2:?--binary needs a file}" ] && [ -x "$2" ] || die "--binary $2: no such executable file"
		binaries+=("$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
	*) die "unknown argument '$1'; $usage" ;;
	esac
done
mkdir -p "$debs" "$stamps"

kernel_meta="${MINNOW_LINUX_KERNEL_PKG:-linux-image-cloud-amd64}"

# --- host tools -----------------------------------------------------------------------
# shellcheck source=../lib/ensure-pkgs.sh
source "$here/../lib/ensure-pkgs.sh"

command -v apt-get >/dev/null || die "apt-get not found: this script needs a Debian host"
command -v python3 >/dev/null || ensure_pkgs python3
command -v ldd >/dev/null || ensure_pkgs libc-bin
# NativeAOT links with clang, or gcc when clang is absent.
command -v clang >/dev/null || command -v gcc >/dev/null || ensure_pkgs gcc libc6-dev
command -v dotnet >/dev/null \
	|| die "dotnet not found: install the .NET 10 SDK (Debian package dotnet-sdk-10.0 from packages.microsoft.com)"

# Stamp helpers: a step is current when its stamp holds the same key and its outputs exist.
is_current() { # name key outputs...
	local name="$1" key="$2"; shift 2
	[ -f "$stamps/$name" ] && [ "$(cat "$stamps/$name")" = "$key" ] || return 1
	local f; for f in "$@"; do [ -e "$f" ] || return 1; done
}
stamp() { printf '%s' "$2" > "$stamps/$1"; }

# Prints field $2 of package $1's candidate version (apt-cache is slow: ~1 s a call).
pkg_field() {
	apt-cache show --no-all-versions "$1" 2>/dev/null | sed -n "s/^$2: //p" | head -n1
}

# Downloads package $1 at version $2 into the cache unless there; prints the .deb path.
fetch_deb() {
	local pkg="$1" ver="$2" deb
	deb="$debs/${pkg}_${ver//:/%3a}_$(dpkg --print-architecture).deb"
	if [ ! -s "$deb" ]; then
		note "downloading $pkg $ver"
		# As root, apt's sandbox user cannot write here; say so instead of warning.
		(cd "$debs" && apt-get download -qq -o APT::Sandbox::User="$(id -un)" "$pkg=$ver") \
			|| die "apt-get download $pkg=$ver failed"
	fi
	[ -s "$deb" ] || die "apt-get download did not produce $deb"
	echo "$deb"
}

# --- kernel ---------------------------------------------------------------------------
# The meta package only depends on the versioned image, e.g.
# "linux-image-6.1.0-56-cloud-amd64 (= 6.1.192-2)".
dep="$(pkg_field "$kernel_meta" Depends)"
[[ "$dep" =~ ^(linux-image-[^ ,]+)\ \(=\ ([^\)]+)\)$ ]] \
	|| die "cannot resolve $kernel_meta to a linux-image-<version> package (unknown to apt? run apt-get update; got '$dep')"
kernel_pkg="${BASH_REMATCH[1]}"
kernel_deb="$(fetch_deb "$kernel_pkg" "${BASH_REMATCH[2]}")"
# Debian builds virtio-net (and virtio-pci) as modules: they go into the initramfs, and /init
# loads them when the guest is given an address (minnow.ip=), for the network benchmarks.
net_modules="virtio_net virtio_pci"
kernel_key="$(basename "$kernel_deb") $net_modules $(sha256sum < "$here/modules.py")"
if ! is_current kernel "$kernel_key" "$out/vmlinuz" "$out/kernel.config" "$out/modules/order"; then
	note "extracting kernel and modules ($net_modules) from $(basename "$kernel_deb")"
	tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
	dpkg-deb -x "$kernel_deb" "$tmp"
	cp "$tmp"/boot/vmlinuz-* "$out/vmlinuz"
	cp "$tmp"/boot/config-* "$out/kernel.config"
	rm -rf "$out/modules"
	# shellcheck disable=SC2086 # one word a module
	python3 "$here/modules.py" "$tmp"/lib/modules/*/kernel "$out/modules" $net_modules
	rm -rf "$tmp"; trap - EXIT
	stamp kernel "$kernel_key"
fi
# What this guest needs built in: a serial console and a gzip initramfs; PVH lets QEMU
# start the kernel directly on microvm. Virtio-mmio is a module in Debian's kernels, which
# is fine: the guest gets no virtio devices.
for opt in CONFIG_SERIAL_8250=y CONFIG_SERIAL_8250_CONSOLE=y CONFIG_BLK_DEV_INITRD=y CONFIG_RD_GZIP=y CONFIG_PVH=y; do
	grep -qx "$opt" "$out/kernel.config" || die "$kernel_pkg lacks $opt; it cannot boot this guest"
done

# --- busybox --------------------------------------------------------------------------
bb_ver="$(pkg_field busybox-static Version)"
[ -n "$bb_ver" ] || die "Debian package busybox-static is unknown to apt (run apt-get update)"
busybox_deb="$(fetch_deb busybox-static "$bb_ver")"
if ! is_current busybox "$(basename "$busybox_deb")" "$out/busybox"; then
	tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
	dpkg-deb -x "$busybox_deb" "$tmp"
	cp "$tmp/bin/busybox" "$out/busybox"
	rm -rf "$tmp"; trap - EXIT
	stamp busybox "$(basename "$busybox_deb")"
fi

# --- hello-linux (stock NativeAOT) ----------------------------------------------------
proj="$here/hello-linux"
hello_key="$(cat "$proj/Program.cs" "$proj/hello-linux.csproj" | sha256sum | cut -d' ' -f1) $(dotnet --version)"
if ! is_current hello "$hello_key" "$out/hello-linux/hello"; then
	note "publishing hello-linux (NativeAOT, linux-x64)"
	rm -rf "$out/hello-linux"
	# -o keeps the binary's location independent of the repository's output-path settings.
	dotnet publish "$proj/hello-linux.csproj" -c Release -r linux-x64 -o "$out/hello-linux" -nologo -v:q \
		|| die "dotnet publish of hello-linux failed"
	stamp hello "$hello_key"
fi

# --- extra projects (--project) -------------------------------------------------------
# /bin/NAME=path pairs for the initramfs. A project is republished when its csproj, the .cs
# files in its folder, the files its <Compile Include="..."> globs name, or the SDK change.
extra=()
for dir in "${projects[@]}"; do
	csprojs=("$dir"/*.csproj)
	[ ${#csprojs[@]} -eq 1 ] && [ -f "${csprojs[0]}" ] || die "--project $dir: needs exactly one .csproj"
	csproj="${csprojs[0]}"
	name="$(sed -n 's/.*<AssemblyName>\([^<]*\)<\/AssemblyName>.*/\1/p' "$csproj" | head -n1)"
	[ -n "$name" ] || name="$(basename "$csproj" .csproj)"
	[ "$name" != hello ] || die "--project $dir: /bin/hello is taken"
	inputs=("$csproj")
	shopt -s nullglob
	inputs+=("$dir"/*.cs)
	# read, not $(...) in a for list: the pattern must expand relative to the project folder.
	while read -r glob; do
		inputs+=("$dir"/$glob)
	done < <(sed -n 's/.*<Compile Include="\([^"]*\)".*/\1/p' "$csproj")
	shopt -u nullglob
	[ ${#inputs[@]} -gt 1 ] || die "--project $dir: no .cs files found"
	key="$( (printf '%s\n' "${inputs[@]}"; cat "${inputs[@]}") | sha256sum | cut -d' ' -f1) $(dotnet --version)"
	dest="$out/projects/$name"
	if ! is_current "project-$name" "$key" "$dest/$name"; then
		note "publishing $name (NativeAOT, linux-x64) from $dir"
		rm -rf "$dest"
		dotnet publish "$csproj" -c Release -r linux-x64 -o "$dest" -nologo -v:q \
			|| die "dotnet publish of $csproj failed"
		[ -x "$dest/$name" ] || die "dotnet publish of $csproj made no executable $dest/$name"
		stamp "project-$name" "$key"
	fi
	extra+=("/bin/$name=$dest/$name")
done

# --- prebuilt executables (--binary) --------------------------------------------------
# Nothing to build; their contents are part of the initramfs key below.
for b in "${binaries[@]}"; do
	name="$(basename "$b")"
	[ "$name" != hello ] || die "--binary $b: /bin/hello is taken"
	# Busybox's applets are symlinks in /bin; a second entry there would shadow one of them.
	! "$out/busybox" --list | grep -qxF "$name" || die "--binary $b: /bin/$name is a busybox applet"
	for e in "${extra[@]}"; do
		[ "${e%%=*}" != "/bin/$name" ] || die "--binary $b: /bin/$name is taken by ${e#*=}"
	done
	extra+=("/bin/$name=$b")
done

# --- initramfs ------------------------------------------------------------------------
# The binaries are dynamically linked against the host's glibc; copy exactly what ldd
# resolves (the same libraries a Debian 12 userland would load).
bins=("$out/hello-linux/hello")
for e in "${extra[@]}"; do bins+=("${e#*=}"); done
# A library ldd cannot find would only fail inside the guest; say so here.
for b in "${bins[@]}"; do
	missing="$({ ldd "$b" 2>/dev/null || true; } | sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | tr '\n' ' ')"
	[ -z "$missing" ] || die "$b needs libraries that ldd cannot find on this host: $missing"
done
libs=()
while read -r lib; do libs+=("$lib"); done < <(
	for b in "${bins[@]}"; do ldd "$b"; done \
	| sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (0x.*/\1/p' | sort -u)
[ ${#libs[@]} -gt 0 ] || die "ldd found no libraries for hello (is it a static binary?)"

modules=()
while read -r m; do modules+=("$out/modules/$m.ko"); done < "$out/modules/order"
initramfs_key="$( (cat "$here/init" "$here/mkcpio.py" "$out/busybox" "${bins[@]}" "${libs[@]}" "$out/modules/order" "${modules[@]}"; printf '%s\n' "${libs[@]}" "${extra[@]}") \
	| sha256sum | cut -d' ' -f1)"
if ! is_current initramfs "$initramfs_key" "$out/initramfs.cpio.gz"; then
	note "writing initramfs.cpio.gz"
	list="$out/initramfs.list"
	{
		echo "# generated by bench/linux-guest/build.sh"
		for d in /bin /dev /proc /sys /tmp /root /lib /lib/modules; do echo "dir $d 0755 0 0"; done
		echo "file /lib/modules/order $out/modules/order 0644 0 0"
		for m in "${modules[@]}"; do echo "file /lib/modules/$(basename "$m") $m 0644 0 0"; done
		echo "nod /dev/console 0600 0 0 c 5 1"
		echo "nod /dev/null 0666 0 0 c 1 3"
		echo "file /init $here/init 0755 0 0"
		echo "file /bin/busybox $out/busybox 0755 0 0"
		# Every applet as a symlink, so /init and a debugging shell find them on PATH.
		for a in $("$out/busybox" --list); do
			[ "$a" = busybox ] || echo "slink /bin/$a busybox 0777 0 0"
		done
		echo "file /bin/hello $out/hello-linux/hello 0755 0 0"
		for e in "${extra[@]}"; do echo "file ${e%%=*} ${e#*=} 0755 0 0"; done
		# Libraries keep their host paths (ld.so's and the binary's search paths).
		declare -A seen=([/lib]=1 [/lib/modules]=1); dirs=()
		for lib in "${libs[@]}"; do
			d="$(dirname "$lib")"
			while [ "$d" != / ] && [ -z "${seen[$d]:-}" ]; do seen[$d]=1; dirs+=("$d"); d="$(dirname "$d")"; done
		done
		for d in $(printf '%s\n' "${dirs[@]}" | sort -u); do echo "dir $d 0755 0 0"; done
		for lib in "${libs[@]}"; do echo "file $lib $(readlink -f "$lib") 0755 0 0"; done
	} > "$list"
	python3 "$here/mkcpio.py" "$list" "$out/initramfs.cpio.gz.tmp"
	mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
	stamp initramfs "$initramfs_key"
fi

note "kernel $kernel_pkg ($(stat -c %s "$out/vmlinuz") bytes), initramfs $(stat -c %s "$out/initramfs.cpio.gz") bytes, in $out"
