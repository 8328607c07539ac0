#!/usr/bin/env bash
# Waits for an Auto Scaling instance refresh to end; fails unless it succeeded.
#   wait-for-instance-refresh.sh <group name> <refresh id>   POLL_SECONDS (default 30)
set -euo pipefail
group=$1
refresh_id=$2
poll_seconds=${POLL_SECONDS:-30}

# 80 looks at 30 s: 40 minutes, enough for a group of 4 replaced half at a time.
for _ in $(seq 1 80); do
  status=$(aws autoscaling describe-instance-refreshes \
    --auto-scaling-group-name "$group" --instance-refresh-ids "$refresh_id" \
    --query 'InstanceRefreshes[0].[Status,PercentageComplete,StatusReason]' --output text)
  echo "$(date -u +%H:%M:%S) instance refresh $refresh_id: $status"
  case "$status" in
    Successful*) exit 0 ;;
    Failed* | Cancelled* | RollbackSuccessful* | RollbackFailed*)
      echo "instance refresh $refresh_id did not succeed: new instances never became healthy? Session Manager on one, then sudo tail /var/log/cloud-init-output.log" >&2
      exit 1
      ;;
  esac
  sleep "$poll_seconds"
done
echo "instance refresh $refresh_id still running after $((80 * poll_seconds)) seconds" >&2
exit 1
