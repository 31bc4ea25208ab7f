"""Small pieces the benchmark drivers share: logging, running a build step, reading JSON lines."""
import json
import pathlib
import subprocess
import sys
import time


def logger(name):
    def log(msg):
        print(f"{name}: {msg}", file=sys.stderr, flush=True)
    return log


def run(cmd, **kw):
    """Runs a step that must succeed; stops the benchmark with its output otherwise."""
    cmd = [str(c) for c in cmd]
    p = subprocess.run(cmd, text=True, capture_output=True, **kw)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def json_lines(text):
    """The {"bench": ...} objects a benchmark program printed, in order."""
    out = []
    for line in text.replace("\r", "").splitlines():
        line = line.strip()
        if line.startswith('{"bench"'):
            out.append(json.loads(line))
    return out


def boot_result(completed):
    """boot.sh's JSON object from a finished run of it, or (None, why it failed)."""
    try:
        r = json.loads(completed.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return None, f"boot.sh printed no result: {completed.stderr.strip()[-300:]}"
    return (r, None) if r["ok"] else (None, r["reason"])


def alternate(count, sides, one_run, log):
    """count rounds of one_run(side) for every side in turn, so that changes in the host's load
    hit every side alike. Returns ({side: [results]}, {side: [failure reasons]})."""
    runs = {side: [] for side in sides}
    failures = {side: [] for side in sides}
    for i in range(count):
        for side in sides:
            log(f"run {i + 1}/{count}: {side}")
            result, reason = one_run(side)
            if result is None:
                log(f"{side} failed: {reason}")
                failures[side].append(reason)
            else:
                runs[side].append(result)
    return runs, failures


def build_sides(tool, log, source, image, guest_build, guest, guest_args, what):
    """Builds the Minnow image of `source` and the Linux guest holding the same benchmark
    (linux-guest/build.sh GUEST GUEST_ARGS...); returns the seconds both took."""
    t0 = time.perf_counter()
    pathlib.Path(image).parent.mkdir(parents=True, exist_ok=True)
    log("building the Minnow image")
    run(tool + ["build", source, "-o", image])
    log(f"building the Linux guest ({what})")
    run([guest_build, guest] + list(guest_args))
    return round(time.perf_counter() - t0, 1)
