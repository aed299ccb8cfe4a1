#!/bin/sh
# Guest init: mount the basics, check the vCPUs, run the job named on the
# kernel command line (df.job=NAME df.args=A,B df.cpus=N), report its exit
# status on the result port (ttyS1) and power off.
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmp /tmp
job=none args= cpus=1
for w in $(cat /proc/cmdline); do
	case "$w" in
	df.job=*) job=${w#df.job=} ;;
	df.args=*) args=$(echo "${w#df.args=}" | tr , ' ') ;;
	df.cpus=*) cpus=${w#df.cpus=} ;;
	esac
done
exec 3>/dev/ttyS1
echo "== deferred_free guest: $(uname -r), job $job, $(nproc) CPUs ==" >&3
if [ "$(nproc)" != "$cpus" ]; then
	echo "guest sees $(nproc) CPUs, expected $cpus (ACPI missing?)" >&3
	rc=2
elif [ -x "/jobs/$job.sh" ]; then
	/jobs/"$job".sh $args >&3 2>&3
	rc=$?
else
	echo "no such job: $job" >&3
	rc=2
fi
echo "DF-RESULT rc=$rc" >&3
sync
reboot -f
