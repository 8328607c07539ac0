#!/usr/bin/env bash
# Waits for an SSM send-command to finish on every instance it targeted, prints each
# instance's output, and fails if any instance did not succeed. (`aws ssm wait
# command-executed` gives up after 100 seconds and needs one instance id.)
#   wait-for-ssm-command.sh <command id>      POLL_SECONDS (default 5) between looks
set -euo pipefail
command_id=$1
poll_seconds=${POLL_SECONDS:-5}

for _ in $(seq 1 120); do
  sleep "$poll_seconds"
  statuses=$(aws ssm list-command-invocations --command-id "$command_id" \
    --query 'CommandInvocations[].Status' --output text)
  [ -z "$statuses" ] && continue # not dispatched yet
  if ! grep -Eq 'Pending|InProgress|Delayed' <<<"$statuses"; then
    break
  fi
done

aws ssm list-command-invocations --command-id "$command_id" --details \
  --query 'CommandInvocations[].[InstanceId,Status,CommandPlugins[0].Output]' --output text

failed=$(aws ssm list-command-invocations --command-id "$command_id" \
  --query "length(CommandInvocations[?Status!='Success'])" --output text)
total=$(aws ssm list-command-invocations --command-id "$command_id" \
  --query 'length(CommandInvocations)' --output text)
if [ "$total" = "0" ]; then
  echo "the command reached no instance: are they running, tagged Project=bookstore and Role=app, and registered with SSM?" >&2
  exit 1
fi
if [ "$failed" != "0" ]; then
  echo "$failed of $total instance(s) failed" >&2
  exit 1
fi
echo "succeeded on $total instance(s)"
