# Sourced by the benchmarks' shell scripts. ensure_pkgs PACKAGE...: installs the named Debian
# packages that are missing (apt-get update only then; apt's chatter shown only when it fails).
# The caller defines die MESSAGE and note MESSAGE.
ensure_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	command -v apt-get >/dev/null || die "missing Debian package(s) ${missing[*]} and no apt-get (this needs a Debian host)"
	[ "$(id -u)" -eq 0 ] || die "missing Debian package(s): ${missing[*]} (run as root or apt-get install them)"
	note "installing ${missing[*]}"
	local log
	log="$(apt-get update -qq 2>&1 && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "${missing[@]}" 2>&1)" \
		|| { echo "$log" >&2; die "apt-get install ${missing[*]} failed"; }
}
