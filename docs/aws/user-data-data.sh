#!/bin/bash
# User data for the stage-2 data instance (Amazon Linux 2023): PostgreSQL 17 and Redis 7 in
# containers, data on the instance's EBS volume. Passwords come from data/bookstore-data.env
# in the deploy bucket, which only this instance's role may read.
# Log: /var/log/cloud-init-output.log. No `set -x` here: it would print every command with
# its arguments, the passwords included, into that log (readable in the EC2 console).
set -euo pipefail

dnf install -y docker
systemctl enable --now docker

imds_token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token \
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
region=$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" \
  http://169.254.169.254/latest/meta-data/placement/region)
account_id=$(aws sts get-caller-identity --query Account --output text)

umask 077
mkdir -p /opt/bookstore-data
aws s3 cp --only-show-errors "s3://bookstore-deploy-$account_id-$region/data/bookstore-data.env" \
  /opt/bookstore-data/data.env
# shellcheck disable=SC1091
source /opt/bookstore-data/data.env

# Secrets go to the containers in files, not on command lines: `ps` and `docker inspect`
# show command lines to anyone on the machine.
printf 'POSTGRES_DB=bookstore\nPOSTGRES_USER=bookstore\nPOSTGRES_PASSWORD=%s\n' "$POSTGRES_PASSWORD" \
  > /opt/bookstore-data/postgres.env
# A password because the port is reachable from every app instance; appendonly so carts and
# sessions survive a restart. The redis image runs as uid 999: let it read its file.
printf 'appendonly yes\nrequirepass %s\n' "$REDIS_PASSWORD" > /opt/bookstore-data/redis.conf
chown 999:999 /opt/bookstore-data/redis.conf

echo "starting postgres:17-alpine and redis:7-alpine"
docker run -d --name postgres --restart unless-stopped \
  -p 5432:5432 --env-file /opt/bookstore-data/postgres.env \
  -v postgres-data:/var/lib/postgresql/data \
  postgres:17-alpine

docker run -d --name redis --restart unless-stopped \
  -p 6379:6379 \
  -v redis-data:/data \
  -v /opt/bookstore-data/redis.conf:/usr/local/etc/redis/redis.conf:ro \
  redis:7-alpine redis-server /usr/local/etc/redis/redis.conf
