#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Stage-3 training throughput, C++ trainer vs Debian's python3-torch, side by side (issue 4,
# Performance): runs build/bench/training_bench and bench/training_step.py alternately
# (C++, Python, C++, Python, ...) with the same threads, warm-up, steps, batch and crop, then
# prints the median ms/step of each over the rounds and the ratio. Installs python3-torch with
# apt-get when /usr/bin/python3 cannot import torch (sudo when not root).
#
#   bench/compare_training.sh [--build DIR] [--rounds N] [--threads T] [--steps N] [--warmup N]
#                             [--project P.hpj | --preset tiny|demo]
#
# Exits 1 on bad arguments, 2 when a run fails or the two models differ in parameter count or LBS
# checksum (not the same work). Numbers go to docs/benchmarks.md with this command line.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build"
ROUNDS=3
THREADS=2
STEPS=10
WARMUP=3
SOURCE_ARGS=()
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "compare_training: $1: missing value" >&2; exit 1; }
  case "$1" in
    --build) BUILD=$(cd "$2" && pwd) ;;
    --rounds) ROUNDS=$2 ;;
    --threads) THREADS=$2 ;;
    --steps) STEPS=$2 ;;
    --warmup) WARMUP=$2 ;;
    --project | --preset) SOURCE_ARGS+=("$1" "$2") ;;
    *) echo "compare_training: $1: unknown flag (--build --rounds --threads --steps --warmup --project --preset)" >&2
       exit 1 ;;
  esac
  shift 2
done
for n in "$ROUNDS" "$THREADS" "$STEPS"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "compare_training: --rounds, --threads, --steps must be >= 1" >&2; exit 1; }
done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "compare_training: --warmup must be >= 0" >&2; exit 1; }

PYTHON=/usr/bin/python3
if ! "$PYTHON" -c "import torch" 2>/dev/null; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "compare_training: installing python3-torch"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-torch python3-numpy >/dev/null
fi

BENCH="$BUILD/bench/training_bench"
MODEL="$BUILD/share/handprop/models/openhand_right.npz"
[ -x "$BENCH" ] || { echo "compare_training: $BENCH: not built (ninja -C $BUILD training_bench)" >&2; exit 2; }
[ -f "$MODEL" ] || { echo "compare_training: $MODEL: not built (ninja -C $BUILD openhand_model)" >&2; exit 2; }

# Both programs run on GNU OpenMP; passive waits keep spinning threads from stealing the cores
# when anything else runs (docs/benchmarks.md "OpenMP wait policy"). The user's setting wins.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
COMMON=(--threads "$THREADS" --steps "$STEPS" --warmup "$WARMUP")
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
for ((r = 1; r <= ROUNDS; ++r)); do
  echo "round $r/$ROUNDS: C++" >&2
  "$BENCH" "${COMMON[@]}" "${SOURCE_ARGS[@]}" | grep -E '^(RESULT|PARAMS|LBSCHECK) ' >>"$LOG" ||
    { echo "compare_training: training_bench failed" >&2; exit 2; }
  echo "round $r/$ROUNDS: Python" >&2
  "$PYTHON" "$ROOT/bench/training_step.py" --model "$MODEL" "${COMMON[@]}" | grep -E '^(RESULT|PARAMS|LBSCHECK) ' >>"$LOG" ||
    { echo "compare_training: training_step.py failed" >&2; exit 2; }
done

# Same work: one parameter count and one LBS checksum over all runs of both programs.
for key in PARAMS LBSCHECK; do
  if [ "$(grep "^$key " "$LOG" | sed -E 's/ impl=[a-z_]+//' | sort -u | wc -l)" -ne 1 ]; then
    echo "compare_training: the C++ and Python models differ ($key):" >&2
    grep "^$key " "$LOG" | sort -u >&2
    exit 2
  fi
done

"$PYTHON" - "$LOG" "$THREADS" "$STEPS" "$ROUNDS" <<'EOF'
import statistics, sys
path, threads, steps, rounds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
runs, params, batch = {}, "?", 0
for line in open(path):
    fields = dict(f.split("=", 1) for f in line.split()[1:])
    if line.startswith("RESULT "):
        runs.setdefault(fields["impl"], []).append(float(fields["ms_per_step"]))
        batch = int(fields["batch_pairs"])
    elif line.startswith("PARAMS "):
        params = fields["total"]
rows = [("C++ trainer, ProjectBatchSource (data loading included)", "cxx_trainer"),
        ("C++ step on a pre-loaded batch", "cxx_compute"),
        ("Python python3-torch step on random tensors", "python")]
python_ms = statistics.median(runs["python"])
print(f"\nStage-3 step, {batch} pairs, {threads} threads, {steps} timed steps per run, median over {rounds} "
      f"alternating runs; {params} parameters in both\n")
print("| implementation                                          | ms/step | pairs/s | images/s | Python ms / this ms |")
print("|---------------------------------------------------------|---------|---------|----------|---------------------|")
for title, impl in rows:
    ms = statistics.median(runs[impl])
    print(f"| {title:<55} | {ms:7.1f} | {1000 * batch / ms:7.2f} | {2000 * batch / ms:8.2f} | {python_ms / ms:19.3f} |")
load = statistics.median(runs["cxx_load"])
print(f"\nC++ LoadFrames of {2 * batch} frames alone: {load:.1f} ms per batch "
      f"({100 * load / statistics.median(runs['cxx_trainer']):.1f} % of a trainer step)")
print("per run ms/step: " + "; ".join(f"{k} " + " ".join(f"{v:.0f}" for v in runs[k]) for k in sorted(runs)))
ratio = python_ms / statistics.median(runs["cxx_trainer"])
print(f"RATIO python_ms_over_cxx_trainer_ms={ratio:.3f} ({'C++ not slower' if ratio >= 1.0 else 'C++ SLOWER'})")
EOF
