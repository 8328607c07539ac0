#!/bin/bash
# User data for an app instance (Amazon Linux 2023). Installs Docker and the Compose plugin,
# fetches deploy.sh from the deploy bucket and starts the shop at the image tags below.
# Log: /var/log/cloud-init-output.log (nothing secret is printed: the secrets stay in
# /opt/bookstore/.env, which deploy.sh writes without echoing).
set -euxo pipefail

# >>> image tags
# The build of each image this instance runs: commit SHAs, never `latest`. Filled in by
# docs/aws/render-user-data.sh, by you (stage 1) and by CI for each launch template version
# (stages 2 and 3), so a replacement instance runs exactly what was tested.
BACKEND_RDS_IMAGE_TAG=__BACKEND_RDS_IMAGE_TAG__
BACKEND_REDIS_IMAGE_TAG=__BACKEND_REDIS_IMAGE_TAG__
FRONTEND_IMAGE_TAG=__FRONTEND_IMAGE_TAG__
NGINX_IMAGE_TAG=__NGINX_IMAGE_TAG__
# <<< image tags

dnf install -y docker
systemctl enable --now docker
usermod -aG docker ec2-user

# Amazon Linux 2023 packages Docker without the Compose plugin: install the release binary.
COMPOSE_VERSION=v2.34.0
mkdir -p /usr/local/lib/docker/cli-plugins
curl -fsSL -o /usr/local/lib/docker/cli-plugins/docker-compose \
  "https://github.com/docker/compose/releases/download/${COMPOSE_VERSION}/docker-compose-linux-$(uname -m)"
chmod +x /usr/local/lib/docker/cli-plugins/docker-compose
docker compose version

imds_token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token \
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
region=$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" \
  http://169.254.169.254/latest/meta-data/placement/region)
account_id=$(aws sts get-caller-identity --query Account --output text)

mkdir -p /opt/bookstore
aws s3 cp "s3://bookstore-deploy-$account_id-$region/app/deploy.sh" /opt/bookstore/deploy.sh
chmod 700 /opt/bookstore/deploy.sh
/opt/bookstore/deploy.sh up \
  "backend-rds=$BACKEND_RDS_IMAGE_TAG" "backend-redis=$BACKEND_REDIS_IMAGE_TAG" \
  "frontend=$FRONTEND_IMAGE_TAG" "nginx=$NGINX_IMAGE_TAG"
