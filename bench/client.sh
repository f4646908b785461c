#!/usr/bin/env bash
# make bench's client half: `momentum join` against irssi (Debian) in tmux, each receiving the
# same flood through its own server (momentum serve, ngircd). See bench/client.py.
#   bench/client.sh           3 runs: a quiet minute, 10,000 messages live, 50,000 in all
#   bench/client.sh short     1 run: 20 s quiet, 2,000 messages, 5,000 in all
set -euo pipefail
mode=${1:-full}
cd "$(dirname "$0")/.."
for package in irssi ngircd tmux; do
    dpkg -s "$package" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && apt-get install -y -qq "$package" >/dev/null; }
done
# momentum join is the client alone; momentum serve execs momentum-server beside it.
swift build -c release --product momentum
swift build -c release --product momentum-server
bin=$(swift build -c release --show-bin-path)
results=bench/results/$(date +%Y%m%d-%H%M%S)-client-$mode
mkdir -p "$results"
if [ "$mode" = short ]; then
    python3 bench/client.py "$bin" --runs 1 --idle 20 --flood 2000 --history 5000 --json "$results/client.json" | tee "$results/table.md"
else
    python3 bench/client.py "$bin" --json "$results/client.json" | tee "$results/table.md"
fi
echo "results in $results"
