#!/bin/bash
# User data for the stage-2 data instance (Amazon Linux 2023): PostgreSQL 17 and Redis 7 in
# containers, data on the instance's EBS volume. Passwords come from bookstore-data.env in the
# deploy bucket. Log: /var/log/cloud-init-output.log
set -euxo pipefail

dnf install -y docker
systemctl enable --now docker

imds_token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token \
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
region=$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" \
  http://169.254.169.254/latest/meta-data/placement/region)
account_id=$(aws sts get-caller-identity --query Account --output text)

mkdir -p /opt/bookstore-data
aws s3 cp "s3://bookstore-deploy-$account_id-$region/bookstore-data.env" /opt/bookstore-data/data.env
chmod 600 /opt/bookstore-data/data.env
# shellcheck disable=SC1091
source /opt/bookstore-data/data.env

docker run -d --name postgres --restart unless-stopped \
  -p 5432:5432 \
  -e POSTGRES_DB=bookstore -e POSTGRES_USER=bookstore -e POSTGRES_PASSWORD="$POSTGRES_PASSWORD" \
  -v postgres-data:/var/lib/postgresql/data \
  postgres:17-alpine

# A password because the port is reachable from every app instance; appendonly so carts and
# sessions survive a restart.
docker run -d --name redis --restart unless-stopped \
  -p 6379:6379 \
  -v redis-data:/data \
  redis:7-alpine redis-server --appendonly yes --requirepass "$REDIS_PASSWORD"
