#!/usr/bin/env bash
# Runs on every app instance as /opt/bookstore/deploy.sh (user data installs it; CI calls it
# over SSM). Fetches the compose file and .env from the deploy bucket, logs in to ECR, then:
#   deploy.sh up [image-tag]        pull and (re)start the shop; migrations first when
#                                   RUN_MIGRATIONS=true in .env (stage 1)
#   deploy.sh migrate [image-tag]   apply migrations and the seed, nothing else (stage 2/3)
# The tag defaults to IMAGE_TAG from .env, else `latest`.
set -euo pipefail
cd /opt/bookstore

action=${1:-up}
tag=${2:-}

imds_token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token \
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
region=$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" \
  http://169.254.169.254/latest/meta-data/placement/region)
account_id=$(aws sts get-caller-identity --query Account --output text)
bucket="bookstore-deploy-$account_id-$region"

aws s3 cp --only-show-errors "s3://$bucket/docker-compose.prod.yml" docker-compose.prod.yml
aws s3 cp --only-show-errors "s3://$bucket/bookstore.env" .env
chmod 600 .env

# Shell variables win over .env in compose: the registry is derived, the tag can be forced.
export ECR_REGISTRY="$account_id.dkr.ecr.$region.amazonaws.com"
[ -n "$tag" ] && export IMAGE_TAG="$tag"
aws ecr get-login-password --region "$region" \
  | docker login --username AWS --password-stdin "$ECR_REGISTRY" >/dev/null

# The CA bundle RDS certificates chain to (stage 3: DATABASE_CA_CERT_PATH=/certs/global-bundle.pem).
mkdir -p certs
curl -fsS -o certs/global-bundle.pem https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem \
  || echo "could not download the RDS CA bundle (only stage 3 needs it)" >&2

compose=(docker compose -f docker-compose.prod.yml)
case "$action" in
  up)
    "${compose[@]}" pull --quiet
    if grep -qx 'RUN_MIGRATIONS=true' .env; then
      "${compose[@]}" --profile tools pull --quiet migrate
      "${compose[@]}" run --rm migrate
    fi
    "${compose[@]}" up -d --remove-orphans
    docker image prune -f >/dev/null
    "${compose[@]}" ps
    ;;
  migrate)
    "${compose[@]}" --profile tools pull --quiet migrate
    "${compose[@]}" run --rm migrate
    ;;
  *)
    echo "usage: $0 up|migrate [image-tag]" >&2
    exit 2
    ;;
esac
