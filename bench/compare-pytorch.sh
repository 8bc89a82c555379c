#!/usr/bin/env bash
# Side-by-side training-step benchmark: rnnlab vs PyTorch on the same configs, in one run.
# Prints median ms per training step (forward + backward + SGD step, float32) and the ratio
# torch/rnnlab (> 1 means rnnlab is faster): with ROUNDS > 1, the median of the per-round ratios
# of back-to-back process pairs.
#
#   bench/compare-pytorch.sh                 # all configs, cells rnn_tanh lstm gru, threads 1 2
#   CELLS="lstm" THREADS="2" CONFIGS="b" bench/compare-pytorch.sh
#   CLOCK=cpu THREADS=1 bench/compare-pytorch.sh   # process CPU time: steadier on a loaded machine
#   ROUNDS=5 bench/compare-pytorch.sh       # 5 back-to-back pairs: median ms per side, median
#                                           # ratio, each side's range and best/best ratio
#   MEMORY=1 THREADS=2 bench/compare-pytorch.sh  # working set of a step instead of its time (MB)
#
# Needs: /usr/bin/python3 with torch (apt-get install -y python3-torch libopenblas0-openmp).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CELLS="${CELLS:-rnn_tanh lstm gru}"
THREADS="${THREADS:-1 2}"
CONFIGS="${CONFIGS:-a b c d}"
REPS="${REPS:-15}"
ROUNDS="${ROUNDS:-1}"
CLOCK="${CLOCK:-wall}"
MEMORY="${MEMORY:-0}"

lowest() { printf "%s\n" "$@" | sort -g | head -1; }
highest() { printf "%s\n" "$@" | sort -g | tail -1; }

median() { # of the arguments
  printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

config() { # name -> B T I H (batch-first)
  case "$1" in
    a) echo "32 100 64 128" ;;
    b) echo "64 100 128 256" ;;
    c) echo "64 50 256 512" ;;
    d) echo "1 1000 32 128" ;;
    *) echo "unknown config $1" >&2; exit 2 ;;
  esac
}

if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "PyTorch missing: apt-get install -y python3-torch libopenblas0-openmp" >&2
  exit 2
fi

# MEMORY=1: per row the working set of one step (live between steps + the step's own peak):
# rnnlab's heap in use and live objects (`bench --memory`), PyTorch's (torch_step_memory.py), the
# BPTT minimum of ActivationBudget.java, and each as a multiple of that minimum
memory_table() {
  printf "%-6s %-9s %-7s %-18s %10s %12s %10s %10s  %s\n" config cell threads "B,T,I,H" \
    "rnnlab_mb" "rnnlab_obj" "torch_mb" "min_mb" "x min: rnnlab heap / objects / torch"
  for cfg in $CONFIGS; do
    read -r B T I H <<<"$(config "$cfg")"
    for cell in $CELLS; do
      for th in $THREADS; do
        out=$("$ROOT/rnnlab" bench --cell "$cell" --batch "$B" --seq "$T" --input "$I" \
              --hidden "$H" --threads "$th" --reps 3 --warmup-ms 8000 --memory 2>/dev/null)
        heap=$(sed -n 's/^memory retained .* working set \([0-9.]*\) MB.*/\1/p' <<<"$out")
        obj=$(sed -n 's/^memory in live objects: .* working set \([0-9.]*\) MB.*/\1/p' <<<"$out")
        read -r torch minimum <<<"$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
              OMP_NUM_THREADS="$th" /usr/bin/python3 "$ROOT/bench/torch_step_memory.py" \
              --cell "$cell" --batch "$B" --seq "$T" --input "$I" --hidden "$H" --threads "$th" \
              --quiet | tail -1)"
        ratios=$(awk -v a="$heap" -v b="${obj:-0}" -v c="$torch" -v m="$minimum" \
              'BEGIN { printf "%.2f / %.2f / %.2f", a / m, b / m, c / m }')
        printf "%-6s %-9s %-7s %-18s %10s %12s %10s %10s  %s\n" "$cfg" "$cell" "$th" \
          "$B,$T,$I,$H" "$heap" "${obj:-n/a}" "$torch" "$minimum" "$ratios"
      done
    done
  done
}

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# torch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), rnnlab: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo n/a)"
echo "# date: $(date -u +%FT%TZ)  reps: $REPS (median)  rounds: $ROUNDS (median)  clock: $CLOCK  load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$MEMORY" = 1 ]; then
  memory_table
  exit 0
fi
# with ROUNDS > 1 also each side's range of process medians, and best/best: PyTorch's fastest
# process against rnnlab's. Either side can have slow processes on this machine (PyTorch's b lstm
# at 2 threads: 117-131 ms in some processes, 184-197 in others, both threads busy in either), and
# best/best compares the two at their fastest, whatever the other processes did
if [ "$ROUNDS" -gt 1 ]; then
  printf "%-6s %-9s %-7s %-18s %12s %12s %8s %17s %17s %10s\n" config cell threads "B,T,I,H" \
    "rnnlab_ms" "torch_ms" "ratio" "rnnlab_range" "torch_range" "best/best"
else
  printf "%-6s %-9s %-7s %-18s %12s %12s %8s\n" config cell threads "B,T,I,H" "rnnlab_ms" "torch_ms" "ratio"
fi
for cfg in $CONFIGS; do
  read -r B T I H <<<"$(config "$cfg")"
  for cell in $CELLS; do
    for th in $THREADS; do
      rs=()
      ps=()
      # ROUNDS alternating process pairs: both sides see the same drift of a shared machine
      for ((round = 0; round < ROUNDS; round++)); do
        rs+=("$("$ROOT/rnnlab" bench --cell "$cell" --batch "$B" --seq "$T" --input "$I" \
              --hidden "$H" --threads "$th" --reps "$REPS" --clock "$CLOCK" --quiet 2>/dev/null \
              | tail -1)")
        ps+=("$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$th" /usr/bin/python3 \
              "$ROOT/bench/torch_step.py" --cell "$cell" --batch "$B" --seq "$T" --input "$I" \
              --hidden "$H" --threads "$th" --reps "$REPS" --clock "$CLOCK" | tail -1)")
      done
      r=$(median "${rs[@]}")
      p=$(median "${ps[@]}")
      # the ratio is the median of the rounds' own ratios: a neighbour's load that slows both
      # processes of one round cancels out, where a ratio of medians would mix rounds
      ratios=()
      for ((round = 0; round < ROUNDS; round++)); do
        ratios+=("$(awk -v p="${ps[$round]}" -v r="${rs[$round]}" 'BEGIN { if (r > 0) printf "%.4f", p / r; else print 0 }')")
      done
      ratio=$(printf "%.2f" "$(median "${ratios[@]}")")
      if [ "$ROUNDS" -gt 1 ]; then
        rmin=$(lowest "${rs[@]}")
        pmin=$(lowest "${ps[@]}")
        best=$(awk -v p="$pmin" -v r="$rmin" 'BEGIN { if (r > 0) printf "%.2f", p / r; else print 0 }')
        printf "%-6s %-9s %-7s %-18s %12s %12s %8s %17s %17s %10s\n" "$cfg" "$cell" "$th" \
          "$B,$T,$I,$H" "$r" "$p" "$ratio" "$rmin-$(highest "${rs[@]}")" \
          "$pmin-$(highest "${ps[@]}")" "$best"
      else
        printf "%-6s %-9s %-7s %-18s %12s %12s %8s\n" "$cfg" "$cell" "$th" "$B,$T,$I,$H" "$r" "$p" "$ratio"
      fi
    done
  done
done
