#!/usr/bin/env bash
# Runs on every app instance as /opt/bookstore/deploy.sh (user data installs it; CI calls it
# over SSM). Fetches the compose file and bookstore.env from the deploy bucket (prefix app/),
# writes /opt/bookstore/.env (bookstore.env, the registry, the image tags), logs in to ECR:
#   deploy.sh up [image=tag …]        pull and (re)start the shop, and wait until every
#                                     container is healthy; migrations first when
#                                     RUN_MIGRATIONS=true in bookstore.env (stage 1)
#   deploy.sh migrate [image=tag …]   apply migrations and the seed, nothing else (stage 2/3)
# image is backend-rds, backend-redis, frontend or nginx; all=<tag> sets the four at once.
# Tags given are kept in image-tags.env; an image not named keeps the tag it had. A tag is a
# commit SHA (7 to 40 hex digits): never `latest`, so what runs is always a known build.
set -euo pipefail
# BOOKSTORE_DIR is for .ci/ops/test/deploy-script.test.ts, which runs this with stand-ins for
# aws, curl and docker.
cd "${BOOKSTORE_DIR:-/opt/bookstore}"

fail() {
  echo "deploy.sh: $*" >&2
  exit 1
}

action=${1:-up}
[ $# -gt 0 ] && shift
case "$action" in
  up | migrate) ;;
  *) fail "usage: deploy.sh up|migrate [backend-rds=<sha>] [backend-redis=<sha>] [frontend=<sha>] [nginx=<sha>] [all=<sha>]" ;;
esac

images=(backend-rds backend-redis frontend nginx)
tag_variable() { # backend-rds → BACKEND_RDS_IMAGE_TAG
  local name=${1^^}
  echo "${name//-/_}_IMAGE_TAG"
}

touch image-tags.env
remember_tag() {
  local variable
  variable=$(tag_variable "$1")
  { grep -v "^$variable=" image-tags.env || true; echo "$variable=$2"; } > image-tags.env.new
  mv image-tags.env.new image-tags.env
}

for assignment in "$@"; do
  image=${assignment%%=*}
  tag=${assignment#*=}
  [[ $assignment == *=* && $tag =~ ^[0-9a-f]{7,40}$ ]] \
    || fail "'$assignment' is not <image>=<commit sha> (7 to 40 hex digits; never latest)"
  if [ "$image" = all ]; then
    for each in "${images[@]}"; do remember_tag "$each" "$tag"; done
  elif [[ " ${images[*]} " == *" $image "* ]]; then
    remember_tag "$image" "$tag"
  else
    fail "unknown image '$image' (one of: ${images[*]}, all)"
  fi
done
for image in "${images[@]}"; do
  grep -Eq "^$(tag_variable "$image")=[0-9a-f]{7,40}$" image-tags.env \
    || fail "no image tag for $image yet: deploy.sh $action $image=<commit sha>"
done

imds_token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token \
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
region=$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" \
  http://169.254.169.254/latest/meta-data/placement/region)
account_id=$(aws sts get-caller-identity --query Account --output text)
bucket="bookstore-deploy-$account_id-$region"
registry="$account_id.dkr.ecr.$region.amazonaws.com"

aws s3 cp --only-show-errors "s3://$bucket/app/docker-compose.prod.yml" docker-compose.prod.yml
aws s3 cp --only-show-errors "s3://$bucket/app/bookstore.env" bookstore.env
chmod 600 bookstore.env

# Compose reads .env by itself, so every `docker compose` command on this instance (the
# migrate one in the compose file's comment too) finds the same values as this script.
umask 077
{
  echo "# Written by deploy.sh: bookstore.env from the deploy bucket, the registry, the image tags."
  grep -Ev '^(ECR_REGISTRY|[A-Z_]+_IMAGE_TAG)=' bookstore.env || true
  echo "ECR_REGISTRY=$registry"
  cat image-tags.env
} > .env.new
mv .env.new .env

aws ecr get-login-password --region "$region" \
  | docker login --username AWS --password-stdin "$registry" >/dev/null

# The CA bundle RDS certificates chain to (stage 3: DATABASE_CA_CERT_PATH=/certs/global-bundle.pem).
# A failed download keeps the bundle of the last deploy.
mkdir -p certs
if curl -fsS -o certs/global-bundle.pem.new https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem; then
  mv certs/global-bundle.pem.new certs/global-bundle.pem
else
  echo "could not download the RDS CA bundle (only stage 3 needs it)" >&2
fi
chmod 755 certs
[ -f certs/global-bundle.pem ] && chmod 644 certs/global-bundle.pem

compose=(docker compose -f docker-compose.prod.yml)
echo "deploying: $(tr '\n' ' ' < image-tags.env)"
case "$action" in
  up)
    "${compose[@]}" pull --quiet
    if grep -qx 'RUN_MIGRATIONS=true' .env; then
      "${compose[@]}" --profile tools pull --quiet migrate
      "${compose[@]}" run --rm migrate
    fi
    # --wait: fail here, where CI sees it, when a container does not become healthy.
    "${compose[@]}" up -d --remove-orphans --wait --wait-timeout 300
    docker image prune -f >/dev/null
    "${compose[@]}" ps
    ;;
  migrate)
    "${compose[@]}" --profile tools pull --quiet migrate
    "${compose[@]}" run --rm migrate
    ;;
esac
