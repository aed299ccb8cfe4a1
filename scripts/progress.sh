# Sourced. progress LABEL CMD... : run CMD and print a line every
# PROGRESS_EVERY seconds (default 60) while it runs, so that long steps are
# never silent; PROGRESS_INFO, if set, is a command whose output is added
# to the line. Returns CMD's exit status.
progress() {
	local label=$1 start=$SECONDS last=$SECONDS pid rc=0
	shift
	"$@" &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 0.2
		if (( SECONDS - last >= ${PROGRESS_EVERY:-60} )); then
			last=$SECONDS
			echo "$label: still running, $((SECONDS - start)) s${PROGRESS_INFO:+, $(eval "$PROGRESS_INFO" 2>/dev/null)}"
		fi
	done
	wait "$pid" || rc=$?
	return $rc
}
