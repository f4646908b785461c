#!/usr/bin/env python3
"""make bench's client half: `momentum join` against irssi, each in a detached 120x40 tmux,
receiving the same flood (bench/flood.py), momentum from `momentum serve`, irssi from ngircd.

  client.py BIN_DIR [--runs 3] [--idle 60] [--flood 10000] [--history 50000] [--json FILE]

Per run and client, one after the other in the same window: launch to the first full room
screen; a quiet minute (CPU, wake-ups: context switches of every thread); a live flood
(CPU per message; frames counted by a uprobe on ncurses' doupdate and irssi's term_refresh,
and write calls to the terminal, both by perf stat); RSS after it and after
the history grows to --history messages. Prints medians and ratios as a Markdown table.
Clients are pinned to core 1, servers and posters to core 0.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port)).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


class Process:
    """What /proc says of a process, summed over its threads."""

    def __init__(self, pid):
        self.pid = pid

    def tasks(self):
        return os.listdir(f"/proc/{self.pid}/task")

    def cpu(self):
        """Seconds of CPU, user and system (exited threads included, from the process line)."""
        fields = open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def switches(self):
        """Context switches so far, per thread (voluntary + involuntary)."""
        counts = {}
        for task in self.tasks():
            try:
                counts[task] = sum(int(line.split()[1]) for line in open(f"/proc/{self.pid}/task/{task}/status")
                                   if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")))
            except FileNotFoundError:
                pass
        return counts

    @staticmethod
    def switched(before, after):
        """Switches between two readings of `switches()`: of the threads alive at the second (a
        thread that ended between them is left out; summing the totals made a worker thread
        that ended during the quiet minute a negative count)."""
        return sum(count - before.get(task, 0) for task, count in after.items())

    def rss_mib(self, field="VmRSS"):
        """Resident memory; `RssAnon` is the process's own (heap, stacks), without the pages
        of shared libraries and of the executable that RSS also counts."""
        for line in open(f"/proc/{self.pid}/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        return 0.0


class FrameCount:
    """Frames drawn (calls of the function that sends a frame to the terminal, a uprobe) and
    write(2) calls on standard output, counted in the kernel by `perf stat` while it runs."""

    def __init__(self, pid, probe):
        self.output = tempfile.mktemp(suffix=".perf")
        self.perf = subprocess.Popen(["perf", "stat", "-x,", "-o", self.output, "-p", str(pid), "-e", probe,
                                      "-e", "syscalls:sys_enter_write", "--filter", "fd == 1"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3)

    def stop(self):
        self.perf.send_signal(2)
        self.perf.wait()
        counts = {}
        for line in open(self.output):
            fields = line.strip().split(",")
            if len(fields) > 2 and fields[0].isdigit():
                counts[fields[2]] = int(fields[0])
        os.unlink(self.output)
        return counts


def add_probe(binary, function):
    """A uprobe on `function` of `binary` (removed when the benchmark ends)."""
    subprocess.run(["perf", "probe", "-q", "-x", binary, function], capture_output=True)


class Tmux:
    def __init__(self, name):
        self.name = name

    def start(self, command, environment):
        subprocess.run(["tmux", "kill-session", "-t", self.name], stderr=subprocess.DEVNULL)
        env = " ".join(f"{k}={v}" for k, v in environment.items())
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "120", "-y", "40",
                        f"exec env {env} taskset -c 1 {command}"], check=True)
        return int(subprocess.check_output(["tmux", "display", "-p", "-t", self.name, "#{pane_pid}"]).decode())

    def screen(self):
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True).stdout.decode(errors="replace")

    def wait_for(self, texts, timeout, every=0.005):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts):
                return time.monotonic()
            time.sleep(every)
        raise RuntimeError(f"{self.name}: {texts} not on screen after {timeout}s:\n{self.screen()}")

    def stop(self):
        subprocess.run(["tmux", "kill-session", "-t", self.name], stderr=subprocess.DEVNULL)


class MomentumSide:
    label = "momentum join"
    # ncurses sends a frame to the terminal in doupdate().
    frame_probe = "probe_libncursesw:doupdate"

    def __init__(self, bin_dir, work):
        self.bin = bin_dir
        self.work = work

    def start_server(self):
        self.port = free_port()
        self.server = subprocess.Popen(
            ["taskset", "-c", "0", f"{self.bin}/momentum", "serve", "--port", str(self.port), "--db", ":memory:",
             "--admin-token", "bench", "--message-burst", "100000", "--log-level", "error"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port)
        self.url = f"http://127.0.0.1:{self.port}"
        self.code = subprocess.check_output([sys.executable, f"{HERE}/flood.py", "room", self.url, "bench"]).decode().split()[0]

    def launch(self, tmux):
        home = tempfile.mkdtemp(dir=self.work)
        environment = {"HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home, "XDG_DATA_HOME": home, "LANG": "C.UTF-8"}
        return tmux.start(f"{self.bin}/momentum join {self.url} --code {self.code} --name Lea", environment)

    # The room screen is whole when the header, the roster and the input line are drawn.
    ready = ["Bench", "Lea", "> "]

    def flood(self, count, tag):
        subprocess.run(["taskset", "-c", "0", sys.executable, f"{HERE}/flood.py", "momentum", self.url, self.code,
                        str(count), "8", tag], check=True)

    def stop_server(self):
        self.server.kill()
        self.server.wait()


class IrssiSide:
    label = "irssi"
    # irssi sends what changed on its screen to the terminal in term_refresh().
    frame_probe = "probe_irssi:term_refresh"

    def __init__(self, work):
        self.work = work

    def start_server(self):
        self.port = free_port()
        folder = tempfile.mkdtemp(dir=self.work)
        conf = f"{folder}/ngircd.conf"
        with open(conf, "w") as f:
            f.write(f"""[Global]
Name = bench.local
Info = bench
Listen = 127.0.0.1
Ports = {self.port}
PidFile = {folder}/ngircd.pid
[Limits]
MaxConnections = 100
MaxConnectionsIP = 100
MaxPenaltyTime = 0
[Options]
DNS = no
Ident = no
PAM = no
""")
        self.server = subprocess.Popen(["taskset", "-c", "0", "ngircd", "-n", "-f", conf],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port)

    def launch(self, tmux):
        # The channel is joined as if typed (autosendcmd), so that its window comes to the
        # front like momentum's room; an autojoined channel stays behind the status window.
        # irssi's own flood protection (a command every 2.2 s after five) is off, as ngircd's
        # is: it held the join back for 5 s.
        home = tempfile.mkdtemp(dir=self.work)
        with open(f"{home}/config", "w") as f:
            f.write(f"""servers = ({{ address = "127.0.0.1"; chatnet = "bench"; port = "{self.port}"; autoconnect = "yes"; }});
chatnets = {{ bench = {{ type = "IRC"; autosendcmd = "/join #flood"; cmdspeed = "0"; cmdmax = "100"; }}; }};
settings = {{ core = {{ real_name = "Lea"; user_name = "lea"; nick = "lea"; }}; }};
""")
        return tmux.start(f"irssi --home={home}", {"HOME": home, "LANG": "C.UTF-8"})

    # The channel window is in front with my join in it.
    ready = ["has joined #flood", "[#flood]"]

    def flood(self, count, tag):
        subprocess.run(["taskset", "-c", "0", sys.executable, f"{HERE}/flood.py", "irc", str(self.port), "flood",
                        str(count), "8", tag], check=True)

    def stop_server(self):
        self.server.kill()
        self.server.wait()


def one_run(side, run, args):
    tmux = Tmux(f"wperf-bench-{side.label.split()[0]}")
    side.start_server()
    result = {}
    try:
        started = time.monotonic()
        pid = side.launch(tmux)
        result["launch_ms"] = (tmux.wait_for(side.ready, 30) - started) * 1000
        client = Process(pid)
        time.sleep(2)
        result["rss_join_mib"] = client.rss_mib()
        result["anon_join_mib"] = client.rss_mib("RssAnon")
        cpu, switches, threads = client.cpu(), client.switches(), len(client.tasks())
        time.sleep(args.idle)
        result["idle_cpu_s_per_min"] = (client.cpu() - cpu) * 60 / args.idle
        result["idle_wakeups_per_s"] = Process.switched(switches, client.switches()) / args.idle
        result["threads"] = max(threads, len(client.tasks()))
        frames = FrameCount(pid, side.frame_probe)
        cpu, started = client.cpu(), time.monotonic()
        side.flood(args.flood, f"A{run}")
        tmux.wait_for([f"END A{run}"], 600, every=0.2)
        result["flood_s"] = time.monotonic() - started
        result["flood_cpu_us_per_message"] = (client.cpu() - cpu) * 1e6 / (args.flood + 1)
        counts = frames.stop()
        result["flood_frames"] = counts.get(side.frame_probe, -1)
        result["flood_terminal_writes"] = counts.get("syscalls:sys_enter_write", -1)
        time.sleep(1)
        result["rss_flood_mib"] = client.rss_mib()
        result["anon_flood_mib"] = client.rss_mib("RssAnon")
        side.flood(args.history - args.flood - 2, f"B{run}")
        tmux.wait_for([f"END B{run}"], 900, every=0.5)
        time.sleep(1)
        result["rss_history_mib"] = client.rss_mib()
        result["anon_history_mib"] = client.rss_mib("RssAnon")
    finally:
        tmux.stop()
        side.stop_server()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=60)
    parser.add_argument("--flood", type=int, default=10_000)
    parser.add_argument("--history", type=int, default=50_000)
    parser.add_argument("--only", choices=["momentum", "irssi"])
    parser.add_argument("--json")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="momentum-client-bench.")
    add_probe("/lib/x86_64-linux-gnu/libncursesw.so.6", "doupdate")
    add_probe(shutil.which("irssi") or "/usr/bin/irssi", "term_refresh")
    sides = [MomentumSide(args.bin_dir, work), IrssiSide(work)]
    if args.only:
        sides = [s for s in sides if s.label.startswith(args.only)]
    results = {s.label: [] for s in sides}
    try:
        for run in range(1, args.runs + 1):
            for side in sides:
                result = one_run(side, run, args)
                print(f"run {run} {side.label}: " + ", ".join(f"{k} {v:.2f}" for k, v in result.items()), flush=True)
                results[side.label].append(result)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run(["perf", "probe", "-q", "-d", "probe_libncursesw:doupdate", "-d", "probe_irssi:term_refresh"],
                       stderr=subprocess.DEVNULL)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"args": vars(args), "runs": results}, f, indent=2)
    table(results, args)


def table(results, args):
    rows = [("launch to full room screen, ms", "launch_ms"),
            ("idle: CPU s per minute", "idle_cpu_s_per_min"),
            ("idle: wake-ups per second (all threads)", "idle_wakeups_per_s"),
            ("threads", "threads"),
            (f"flood of {args.flood:,}: CPU µs per message", "flood_cpu_us_per_message"),
            (f"flood of {args.flood:,}: frames drawn", "flood_frames"),
            (f"flood of {args.flood:,}: write calls to the terminal", "flood_terminal_writes"),
            (f"flood of {args.flood:,}: seconds to arrive", "flood_s"),
            ("RSS after join, MiB", "rss_join_mib"),
            (f"RSS after {args.flood:,} messages, MiB", "rss_flood_mib"),
            (f"RSS after {args.history:,} messages, MiB", "rss_history_mib"),
            ("anonymous RSS (heap, stacks) after join, MiB", "anon_join_mib"),
            (f"anonymous RSS after {args.flood:,} messages, MiB", "anon_flood_mib"),
            (f"anonymous RSS after {args.history:,} messages, MiB", "anon_history_mib")]
    labels = list(results)
    print("| | " + " | ".join(labels) + (" | ratio |" if len(labels) == 2 else " |"))
    print("|---" * (len(labels) + 1 + (len(labels) == 2)) + "|")
    for name, key in rows:
        medians = [statistics.median(r[key] for r in results[label]) for label in labels]
        cells = [f"{m:.3f}" if m < 1 else f"{m:.1f}" if m < 100 else f"{m:,.0f}" for m in medians]
        ratio = ""
        if len(labels) == 2:
            ratio = f" {medians[0] / medians[1]:.2f}x |" if medians[1] else " n/a |"
        print(f"| {name} | " + " | ".join(cells) + " |" + ratio)


if __name__ == "__main__":
    main()
