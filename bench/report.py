#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a benchmark run's tables into a markdown report and plots.

  bench/report.py RUN_DIR... [--out DIR] [--name NAME]

A RUN_DIR is what bench/run.sh wrote in the guest ($VM_OUT/bench): ID.tsv
(first line "# TITLE", then a tab-separated header and rows), ID.notes (one
line each), env.txt and, if something went wrong, failures; several are
merged (the CI smoke tests run each benchmark on its own). The report is
DIR/NAME.md (NAME defaults to the date and time, DIR to bench/results) with
the guest's and the host's environment, one table per benchmark in the
order of the issue, its notes, and PNG plots (gnuplot) of fairness against
the number of flows and of loss per failover; DIR/latest.md is a copy.

Exit status: 0 when the report was written and the run recorded no failure,
1 when the run recorded failures (the report says which), 2 on bad input.
"""
import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys

# The order; tables of other IDs follow, sorted.
ORDER = ["tx", "failover", "failover_trials", "balance", "disruption",
         "reorder", "scale"]
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def die(msg):
    print("report.py: " + msg, file=sys.stderr)
    sys.exit(2)


def read_table(path):
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n") for ln in f if ln.strip()]
    if len(lines) < 2 or not lines[0].startswith("# "):
        die(f"{path}: expected a '# TITLE' line and a header")
    rows = [ln.split("\t") for ln in lines[2:]]
    return {"title": lines[0][2:], "header": lines[1].split("\t"),
            "rows": rows}


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [ln.rstrip("\n") for ln in f if ln.strip()]


def host_env():
    env = [f"host: {platform.node() or '?'}, {platform.machine()}"]
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for ln in f:
                if ln.startswith("model name"):
                    env.append("host cpu: %s x %d" % (ln.split(":", 1)[1].strip(),
                                                       os.cpu_count() or 0))
                    break
    except OSError:
        pass
    for cmd, label in ((["qemu-system-x86_64", "--version"], "qemu"),
                       (["git", "-C", REPO, "describe", "--always",
                         "--dirty"], "lbfo commit")):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True,
                                 check=True).stdout.splitlines()[0]
            env.append(f"{label}: {out}")
        except (OSError, subprocess.CalledProcessError, IndexError):
            pass
    return env


def md_table(t):
    out = ["| " + " | ".join(t["header"]) + " |",
           "|" + "|".join("---" for _ in t["header"]) + "|"]
    for r in t["rows"]:
        out.append("| " + " | ".join(r) + " |")
    return out


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def gnuplot(script, png):
    """Run gnuplot on SCRIPT; True when it wrote PNG."""
    if not shutil.which("gnuplot"):
        return False
    r = subprocess.run(["gnuplot"], input=script, text=True,
                       capture_output=True, check=False)
    if r.returncode != 0 or not os.path.exists(png):
        print("report.py: gnuplot failed: " + r.stderr.strip(),
              file=sys.stderr)
        return False
    return True


def quote(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def plot_balance(t, png, datdir):
    """Fairness against the number of flows: one line per system and
    speed set. Columns: flows, speeds, then one per system."""
    h = t["header"]
    if len(h) < 3 or h[0] != "flows" or h[1] != "speeds":
        return False
    series = []
    for speeds in sorted({r[1] for r in t["rows"] if len(r) == len(h)}):
        for col in range(2, len(h)):
            pts = [(number(r[0]), number(r[col])) for r in t["rows"]
                   if len(r) == len(h) and r[1] == speeds]
            pts = sorted(p for p in pts if None not in p)
            if pts:
                series.append((f"{h[col]}, {speeds}", speeds, pts, col))
    if not series:
        return False
    plots = []
    for i, (label, speeds, pts, col) in enumerate(series):
        dat = os.path.join(datdir, f"balance-{i}.dat")
        with open(dat, "w", encoding="utf-8") as f:
            f.writelines(f"{x:g} {y:g}\n" for x, y in pts)
        dash = 1 if speeds == "equal" else 2
        # One colour per system, solid for equal speeds, dashed for mixed.
        plots.append(f"{quote(dat)} using 1:2 with linespoints "
                     f"lc {col - 1} pt {col + 3} dt {dash} lw 2 "
                     f"title {quote(label)}")
    script = f"""set terminal pngcairo size 1100,560
set output {quote(png)}
set title {quote(t['title'])}
set logscale x 2
set xlabel "flows"
set ylabel "Jain's fairness index (1 = on target)"
set yrange [0:1.05]
set key outside right center
set grid
plot {", ".join(plots)}
"""
    return gnuplot(script, png)


def plot_trials(t, png, datdir):
    """Loss per failover: one point per trial, systems side by side.
    Columns: system, trial, lost, ..."""
    h = t["header"]
    if len(h) < 3 or h[:3] != ["system", "trial", "lost"]:
        return False
    systems = []
    for r in t["rows"]:
        if len(r) >= 3 and r[0] not in systems:
            systems.append(r[0])
    dat = os.path.join(datdir, "trials.dat")
    n = 0
    with open(dat, "w", encoding="utf-8") as f:
        for r in t["rows"]:
            if len(r) >= 3 and number(r[2]) is not None:
                f.write(f"{systems.index(r[0])} {number(r[2]):g}\n")
                n += 1
    if not n:
        return False
    tics = ", ".join(f"{quote(s)} {i}" for i, s in enumerate(systems))
    script = f"""set terminal pngcairo size 900,520
set output {quote(png)}
set title "Packets lost per failover (each point one trial)"
set xtics ({tics}) rotate by -20
set xrange [-0.5:{len(systems) - 0.5}]
set yrange [0:*]
set ylabel "datagrams lost"
set grid ytics
set key off
plot {quote(dat)} using 1:2 with points pt 7 ps 1.5
"""
    return gnuplot(script, png)


PLOTS = {"balance": plot_balance, "failover_trials": plot_trials}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run_dirs", nargs="+", metavar="RUN_DIR")
    ap.add_argument("--out", default=os.path.join(REPO, "bench", "results"))
    ap.add_argument("--name")
    a = ap.parse_args()

    where = {}
    for d in a.run_dirs:
        if not os.path.isdir(d):
            die(f"{d}: no such directory")
        for f in os.listdir(d):
            if f.endswith(".tsv"):
                where[f[:-4]] = d
    if not where:
        die(f"{' '.join(a.run_dirs)}: no tables (*.tsv): did bench/run.sh run?")
    ids = list(where)
    ids.sort(key=lambda i: (ORDER.index(i) if i in ORDER else len(ORDER), i))
    name = a.name or datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    os.makedirs(a.out, exist_ok=True)
    datdir = os.path.join(a.out, ".plotdata")
    os.makedirs(datdir, exist_ok=True)

    failures, env = [], []
    for d in a.run_dirs:
        failures += read_lines(os.path.join(d, "failures"))
        env = env or read_lines(os.path.join(d, "env.txt"))
    md = [f"# lbfo benchmarks, {name}", "",
          "lbfo, bonding and team (teamd) on the same topology in the same "
          "guest run (bench/run.sh). The guest is emulated: compare the "
          "ratios, not the absolute rates.", "", "Environment:", ""]
    md += [f"- {ln}" for ln in env + host_env()]
    md.append("")
    if failures:
        md += ["**Failures in this run:**", ""]
        md += [f"- {ln}" for ln in failures]
        md.append("")
    for i in ids:
        t = read_table(os.path.join(where[i], i + ".tsv"))
        md += [f"## {t['title']}", ""] + md_table(t) + [""]
        md += [f"- {ln}" for ln in
               read_lines(os.path.join(where[i], i + ".notes"))]
        plot = PLOTS.get(i)
        png = f"{name}-{i}.png"
        if plot and plot(t, os.path.join(a.out, png), datdir):
            md += ["", f"![{t['title']}]({png})"]
        md.append("")
    shutil.rmtree(datdir, ignore_errors=True)
    report = os.path.join(a.out, name + ".md")
    with open(report, "w", encoding="utf-8") as f:
        f.write("\n".join(md).rstrip("\n") + "\n")
    shutil.copyfile(report, os.path.join(a.out, "latest.md"))
    print(report)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
