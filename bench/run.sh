#!/usr/bin/env bash
# make bench's server half: momentum serve and nginx + Nchan, each pinned to core 1, driven
# by momentum-load pinned to core 0, the same scenarios in the same run. Results go to
# bench/results/*.json and a table on standard output (docs/BENCHMARKS.md quotes it).
#   bench/run.sh short    a minute or two: every scenario, small
#   bench/run.sh full     the 1,000 x 15 ladder to the knee (about 15 minutes)
set -euo pipefail
mode=${1:-short}
cd "$(dirname "$0")/.."
# momentum serve execs momentum-server beside it (the same process, measured by its pid).
for product in momentum momentum-server momentum-load; do swift build -c release --product "$product" >/dev/null; done
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d /tmp/momentum-bench.XXXXXX)
results=bench/results/$(date +%Y%m%d-%H%M%S)-$mode
mkdir -p "$results"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    [ -n "${pgdir:-}" ] && bash Tests/support/postgres-cluster.sh stop "$pgdir"
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "nothing listens on $1" >&2; return 1; }

start_momentum() { # [database]: a fresh SQLite file by default
    mport=$(free_port)
    rm -f "$work/bench.sqlite"*
    prlimit --nofile=20000:20000 taskset -c 1 "$bin/momentum" serve --port "$mport" --db "${1:-$work/bench.sqlite}" \
        --admin-token bench --message-burst 100000 --log-level error >"$work/momentum.log" 2>&1 &
    mpid=$!; pids+=("$mpid")
    wait_port "$mport"
}
stop_momentum() { kill "$mpid" 2>/dev/null || true; wait "$mpid" 2>/dev/null || true; }

start_nchan() {
    nport=$(free_port)
    mkdir -p "$work/nginx"
    sed -e "s#@FOLDER@#$work/nginx#g" -e "s#@PORT@#$nport#g" bench/nchan.conf.template >"$work/nginx/nginx.conf"
    prlimit --nofile=20000:20000 taskset -c 1 nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
    npid=$!; pids+=("$npid")
    wait_port "$nport"
}
stop_nchan() { kill -9 "$npid" 2>/dev/null || true; wait "$npid" 2>/dev/null || true; }

# PostgreSQL with its durable defaults, on the server's core: its CPU is not counted in
# momentum's CPU per delivery (the generator reads the server's process only).
start_postgres() { pgdir=$(mktemp -d /tmp/momentum-bench-pg.XXXXXX); pgurl=$(POSTGRES_DURABLE=1 taskset -c 1 bash Tests/support/postgres-cluster.sh start "$pgdir"); }
stop_postgres() { bash Tests/support/postgres-cluster.sh stop "$pgdir"; pgdir=; }
postgres_cpu() { # seconds of CPU used so far by the cluster's processes (the postmaster and its children)
    local main; main=$(head -1 "$pgdir/data/postmaster.pid")
    for pid in $main $(pgrep -P "$main"); do cat "/proc/$pid/stat" 2>/dev/null; done |
        awk -v hz="$(getconf CLK_TCK)" '{ total += $14 + $15 + $16 + $17 } END { printf "%.2f", total / hz }'
}

load() { # name target-args... : one run of the generator pinned to core 0
    local name=$1; shift
    # A failed scenario is said and skipped: the others still make the table.
    taskset -c 0 "$bin/momentum-load" --json "$results/$name.json" --label "$name" "$@" ||
        echo "$name: momentum-load failed (exit $?): no result for this scenario" | tee -a "$results/failures.txt"
}

scenario() { # name rooms participants rate duration [more momentum-load options: --idle, --burst, --churn S]
    local name=$1 rooms=$2 participants=$3 rate=$4 duration=$5
    shift 5
    start_momentum
    load "momentum-$name" --target "http://127.0.0.1:$mport" --admin-token bench --server-pid "$mpid" \
        --rooms "$rooms" --participants "$participants" --rate "$rate" --duration "$duration" "$@"
    stop_momentum
    start_nchan
    load "nchan-$name" --nchan --target "http://127.0.0.1:$nport" --server-pid "$npid" \
        --rooms "$rooms" --participants "$participants" --rate "$rate" --duration "$duration" "$@"
    stop_nchan
}

postgres_scenario() { # name rooms participants rate duration: momentum on PostgreSQL (Nchan's row is the SQLite scenario's)
    local name=$1 rooms=$2 participants=$3 rate=$4 duration=$5
    start_postgres
    start_momentum "$pgurl"
    local before; before=$(postgres_cpu)
    load "momentum-postgres-$name" --target "http://127.0.0.1:$mport" --admin-token bench --server-pid "$mpid" \
        --rooms "$rooms" --participants "$participants" --rate "$rate" --duration "$duration"
    echo "postgres-$name: PostgreSQL used $(awk -v a="$(postgres_cpu)" -v b="$before" 'BEGIN { printf "%.2f", a - b }') s of CPU during the run (setup included)" | tee -a "$results/postgres-cpu.txt"
    stop_momentum
    stop_postgres
}

echo "== commit cost must not grow with the number of commits"
start_momentum
taskset -c 0 "$bin/momentum-load" --target "http://127.0.0.1:$mport" --admin-token bench --commits 20000 | tee "$results/commit-growth.txt"
stop_momentum

echo "== latency floor: one room of 15, 1 message/s"
scenario floor 1 15 1 "$([ "$mode" = full ] && echo 30 || echo 10)"

if [ "$mode" = full ]; then
    # Messages per second; each reaches 15 members: 750 to 45,000 deliveries/s.
    for rate in 50 100 250 500 1000 2000 3000; do
        echo "== 1,000 rooms x 15, $rate messages/s ($((rate * 15)) deliveries/s)"
        scenario "ladder-$rate" 1000 15 "$rate" 20
    done
else
    echo "== 100 rooms x 15, 50 messages/s (750 deliveries/s)"
    scenario ladder-50 100 15 50 10
    echo "== 100 rooms x 15, 500 messages/s (7,500 deliveries/s: Nchan's knee)"
    scenario ladder-500 100 15 500 10
fi
if [ "$mode" = full ]; then idle_rooms=1000 burst_rooms=1000 churn_rooms=1000 churn_rate=250; else idle_rooms=200 burst_rooms=100 churn_rooms=100 churn_rate=50; fi
echo "== $((idle_rooms * 15)) parked polls, nothing said: CPU and memory of holding them"
scenario idle "$idle_rooms" 15 1 "$([ "$mode" = full ] && echo 30 || echo 10)" --idle
echo "== a burst: each of $burst_rooms rooms publishes in the same instant, once a second"
scenario burst "$burst_rooms" 15 1 10 --burst
echo "== churn: $churn_rooms rooms x 15 at $churn_rate messages/s, 5% of the members reconnecting each second"
scenario churn "$churn_rooms" 15 "$churn_rate" 10 --churn 0.05

echo "== on PostgreSQL (durable commits): 100 rooms x 15 at 50 and 500 messages/s"
postgres_scenario ladder-50 100 15 50 10
postgres_scenario ladder-500 100 15 500 10

python3 bench/report.py "$results" | tee "$results/table.md"
echo "results in $results"
