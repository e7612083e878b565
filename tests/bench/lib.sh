# Shared by the benchmark's scripts (sourced): logging, and timing one command. They expect $dir (the benchmark's
# folder, with logs/) and $results (the results.tsv rows are appended to).

log() { printf '%s\n' "$*" >&2; }

# measure NAME COMMAND...: runs the command, appends "NAME seconds peak_kb" to results.tsv
measure() {
    local name=$1; shift
    local out; out=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>"$dir/logs/$name.err"
    read -r seconds kb < "$out"; rm -f "$out"
    printf '%s\t%s\t%s\n' "$name" "$seconds" "$kb" >> "$results"
    log "  $name: ${seconds}s, $((kb / 1024)) MB peak"
}
