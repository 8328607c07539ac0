#!/usr/bin/env bash
# Deploys the newest tested build of every image, smoke-tests the shop through its public
# address, and rolls back to the previous builds when either fails. Run by the release
# workflow (.github/workflows/release.yml) with AWS credentials already in place.
#
# Where the builds are recorded (SSM Parameter Store, one parameter per image):
#   /bookstore/<env>/built-sha/<image>     the commit of the newest image pushed to ECR; the
#                                          release workflow writes it right after the push
#   /bookstore/<env>/deployed-sha/<image>  the commit running and smoke-tested; written only
#                                          here, only after a green smoke test
# Each run deploys built-sha for all four images, so a deploy that waited behind another one
# (one at a time: the workflow's concurrency group) loses nothing: the later run takes the
# earlier run's build along. deployed-sha, read before anything changes, is what a failure
# rolls back to.
#
# Environment:
#   DEPLOY_TARGET         ssm (stage 1: the one instance) | asg (stages 2 and 3)
#   DEPLOY_ENV            the <env> in the parameter names (default prod)
#   AWS_REGION            set by aws-actions/configure-aws-credentials
#   ASG_NAME              default bookstore-app-asg              (asg)
#   LAUNCH_TEMPLATE_NAME  default bookstore-app-lt               (asg)
#   ALB_NAME              default bookstore-alb                  (asg, when PUBLIC_URL is unset)
#   PUBLIC_URL            the shop's address for the smoke test; default: the instance's
#                         public IP (ssm) or the load balancer's DNS name (asg)
#   SMOKE_ATTEMPTS, SMOKE_INTERVAL, POLL_SECONDS   how long to wait (tests shorten them)
set -euo pipefail
cd "$(dirname "$0")/../../.."
scripts=.github/workflows/scripts

: "${DEPLOY_TARGET:?DEPLOY_TARGET must be ssm or asg}"
deploy_env=${DEPLOY_ENV:-prod}
asg_name=${ASG_NAME:-bookstore-app-asg}
launch_template=${LAUNCH_TEMPLATE_NAME:-bookstore-app-lt}
alb_name=${ALB_NAME:-bookstore-alb}
images=(backend-rds backend-redis frontend nginx)

error() { # a GitHub annotation: shown on the run's summary page, not only in the log
  echo "::error::$*" >&2
}

# Prints "<image> <sha>" lines for the parameters of one kind that exist.
read_recorded() {
  local kind=$1 names=() image
  for image in "${images[@]}"; do names+=("/bookstore/$deploy_env/$kind/$image"); done
  aws ssm get-parameters --names "${names[@]}" --query 'Parameters[].[Name,Value]' --output text \
    | while read -r name value; do echo "${name##*/} $value"; done
}

declare -A built=() deployed=() desired=()
while read -r image sha; do built[$image]=$sha; done < <(read_recorded built-sha)
while read -r image sha; do deployed[$image]=$sha; done < <(read_recorded deployed-sha)
for image in "${images[@]}"; do
  desired[$image]=${built[$image]:-${deployed[$image]:-}}
  if [ -z "${desired[$image]}" ]; then
    error "no build of $image recorded in /bookstore/$deploy_env/built-sha/$image yet: run its pipeline once (Actions → its workflow → Run workflow)"
    exit 1
  fi
done

assignments() { # assignments <array name> → backend-rds=<sha> backend-redis=<sha> …
  local -n tags=$1
  local image
  for image in "${images[@]}"; do printf '%s=%s ' "$image" "${tags[$image]}"; done
}
same_tags() {
  local image
  for image in "${images[@]}"; do [ "${desired[$image]}" = "${deployed[$image]:-}" ] || return 1; done
}
have_previous() {
  local image
  for image in "${images[@]}"; do [ -n "${deployed[$image]:-}" ] || return 1; done
}

echo "previous: $(have_previous && assignments deployed || echo '(none recorded)')"
echo "desired:  $(assignments desired)"

account_id=$(aws sts get-caller-identity --query Account --output text)
bucket="bookstore-deploy-$account_id-$AWS_REGION"

public_url() {
  if [ -n "${PUBLIC_URL:-}" ]; then
    echo "${PUBLIC_URL%/}"
  elif [ "$DEPLOY_TARGET" = ssm ]; then
    echo "http://$(aws ec2 describe-instances \
      --filters Name=tag:Project,Values=bookstore Name=tag:Role,Values=app Name=instance-state-name,Values=running \
      --query 'Reservations[0].Instances[0].PublicIpAddress' --output text)"
  else
    echo "http://$(aws elbv2 describe-load-balancers --names "$alb_name" \
      --query 'LoadBalancers[0].DNSName' --output text)"
  fi
}

run_on_instances() { # run_on_instances <comment> <targets…> -- <command>
  local comment=$1 command_id
  shift
  local targets=()
  while [ "$1" != -- ]; do targets+=("$1"); shift; done
  shift
  command_id=$(aws ssm send-command --document-name AWS-RunShellScript --comment "$comment" \
    "${targets[@]}" --parameters "commands=[\"$1\"]" --timeout-seconds 900 \
    --query Command.CommandId --output text)
  bash "$scripts/wait-for-ssm-command.sh" "$command_id"
}

# Migrations run once, from one running instance, with the new backend-rds image, before any
# new instance serves traffic; so they must suit the code still running on the old ones
# (add a column first, remove it a release later). A rollback never migrates backwards.
migrate_once() {
  local instance_id
  instance_id=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$asg_name" \
    --query "AutoScalingGroups[0].Instances[?LifecycleState=='InService'] | [0].InstanceId" --output text)
  if [ -z "$instance_id" ] || [ "$instance_id" = None ]; then
    error "no InService instance in $asg_name to run the migrations from"
    return 1
  fi
  run_on_instances "bookstore migrate ${desired[backend-rds]}" --instance-ids "$instance_id" -- \
    "/opt/bookstore/deploy.sh migrate backend-rds=${desired[backend-rds]}"
}

# deploy <array name>: puts those builds on every instance.
deploy() {
  local -n tags=$1
  local tag_list
  tag_list=$(assignments "$1")
  if [ "$DEPLOY_TARGET" = ssm ]; then
    # deploy.sh up runs the migrations itself on stage 1 (RUN_MIGRATIONS=true).
    run_on_instances "bookstore deploy" --targets Key=tag:Project,Values=bookstore Key=tag:Role,Values=app -- \
      "/opt/bookstore/deploy.sh up $tag_list"
    return
  fi
  # A new launch template version whose user data pins these builds, then an instance
  # refresh onto exactly that version: instances launched later (a scale-out, a replaced
  # unhealthy one) run the same builds, never whatever `latest` is that day.
  local user_data version refresh_id
  # shellcheck disable=SC2086 # one word per image=sha
  user_data=$(bash docs/aws/render-user-data.sh $tag_list | base64 | tr -d '\n')
  # shellcheck disable=SC2016 # '$Latest' is the launch template's own word, not a variable
  version=$(aws ec2 create-launch-template-version --launch-template-name "$launch_template" \
    --source-version '$Latest' --version-description "bookstore ${tags[frontend]:0:12}" \
    --launch-template-data "{\"UserData\":\"$user_data\"}" \
    --query LaunchTemplateVersion.VersionNumber --output text)
  echo "launch template $launch_template version $version: $tag_list"
  refresh_id=$(aws autoscaling start-instance-refresh --auto-scaling-group-name "$asg_name" \
    --desired-configuration "{\"LaunchTemplate\":{\"LaunchTemplateName\":\"$launch_template\",\"Version\":\"$version\"}}" \
    --preferences '{"MinHealthyPercentage":50,"InstanceWarmup":120,"SkipMatching":true}' \
    --query InstanceRefreshId --output text)
  bash "$scripts/wait-for-instance-refresh.sh" "$asg_name" "$refresh_id"
}

smoke_test() {
  node "$scripts/smoke-test.mjs" "$(public_url)" \
    --attempts "${SMOKE_ATTEMPTS:-12}" --interval "${SMOKE_INTERVAL:-10}"
}

record_deployed() {
  local image
  for image in "${images[@]}"; do
    aws ssm put-parameter --name "/bookstore/$deploy_env/deployed-sha/$image" \
      --value "${desired[$image]}" --type String --overwrite >/dev/null
  done
}

# The instances fetch these at every deploy and at boot.
aws s3 cp --only-show-errors docker-compose.prod.yml "s3://$bucket/app/docker-compose.prod.yml"
aws s3 cp --only-show-errors docs/aws/deploy.sh "s3://$bucket/app/deploy.sh"

if same_tags; then
  echo "these builds are deployed already (a deploy that ran before this one took them along)"
  smoke_test
  exit
fi

failed_step=
if [ "$DEPLOY_TARGET" = asg ] && [ "${desired[backend-rds]}" != "${deployed[backend-rds]:-}" ]; then
  migrate_once || failed_step=migrations
fi
if [ -z "$failed_step" ]; then
  deploy desired || failed_step=deploy
fi
if [ -z "$failed_step" ]; then
  smoke_test || failed_step="smoke test"
fi
if [ -z "$failed_step" ]; then
  record_deployed
  echo "deployed and smoke-tested: $(assignments desired)"
  exit 0
fi

if [ "$failed_step" = migrations ]; then
  error "the migrations failed: nothing was deployed; the shop still runs $(assignments deployed)"
  exit 1
fi
error "the $failed_step failed for $(assignments desired)"
if ! have_previous; then
  error "no previous deployment is recorded in /bookstore/$deploy_env/deployed-sha/*: nothing to roll back to"
  exit 1
fi
echo "rolling back to $(assignments deployed)"
if deploy deployed && smoke_test; then
  error "ROLLED BACK to the previous builds ($(assignments deployed)); the shop runs them and is green. Fix the failure above and push again."
else
  error "ROLLBACK FAILED: the previous builds ($(assignments deployed)) are not green either. The shop may be down: see the log above, /diagnostics on the public address, and docs/ci-cd.md."
fi
exit 1
