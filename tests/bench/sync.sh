# Sourced by the benchmark scripts of scheduled runs: what a sync tool does between two runs, and each run's clock.
#
# sync_minutes NEXT TREE FROM UNTIL: copies the delivery files under NEXT (an AWSLogs folder of
# `duckdetect generate`) whose time in the file name is in [FROM, UNTIL) (HHMM) into the same folders under TREE,
# and prints how many it copied.
sync_minutes() {
    local next=$1 tree=$2 from=$3 until=$4 new=0 file stamp target
    while IFS= read -r file; do
        [[ "${file##*/}" =~ _[0-9]{8}T([0-9]{4})Z_ ]] || continue
        stamp=${BASH_REMATCH[1]}
        if [[ ! "$stamp" < "$from" && "$stamp" < "$until" ]]; then
            target="$tree/${file#"$next"/}"
            mkdir -p "$(dirname "$target")"; cp "$file" "$target"; new=$((new + 1))
        fi
    done < <(find "$next" -name '*.json.gz')
    echo "$new"
}

# sync_round NEXT TREE DAY I: copies the files of DAY's I-th 10 minutes (I from 0) as sync_minutes does, and prints
# how many it copied.
sync_round() {
    local at="$3T00:00:00Z"
    sync_minutes "$1" "$2" "$(date -u -d "$at + $(($4 * 10)) minutes" +%H%M)" \
        "$(date -u -d "$at + $(($4 * 10 + 10)) minutes" +%H%M)"
}

# round_to DAY I: the --to of the run after round I: the end of the 10 minutes after the ones it copied.
round_to() { date -u -d "$1T00:00:00Z + $(($2 * 10 + 20)) minutes" +%Y-%m-%dT%H:%M:%SZ; }

# timed ERR COMMAND...: runs COMMAND with its stdout dropped and its stderr in ERR, and prints its seconds and peak
# memory (KB).
timed() {
    local err=$1; shift
    /usr/bin/time -f 'elapsed %e %M' "$@" > /dev/null 2> "$err"
    awk '/^elapsed / { print $2, $3 }' "$err"
}
