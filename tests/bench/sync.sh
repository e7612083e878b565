# Sourced by the benchmark scripts: what a sync tool does between two scheduled runs.
#
# sync_minutes NEXT TREE FROM UNTIL: copies the delivery files under NEXT (an AWSLogs folder of
# `duckdetect generate`) whose time in the file name is in [FROM, UNTIL) (HHMM) into the same folders under TREE,
# and prints how many it copied.
sync_minutes() {
    local next=$1 tree=$2 from=$3 until=$4 new=0 file stamp target
    while IFS= read -r file; do
        stamp=$(basename "$file" | sed -E 's/.*_[0-9]{8}T([0-9]{4})Z_.*/\1/')
        if [[ ! "$stamp" < "$from" && "$stamp" < "$until" ]]; then
            target="$tree/${file#"$next"/}"
            mkdir -p "$(dirname "$target")"; cp "$file" "$target"; new=$((new + 1))
        fi
    done < <(find "$next" -name '*.json.gz')
    echo "$new"
}
