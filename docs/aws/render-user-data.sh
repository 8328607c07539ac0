#!/usr/bin/env bash
# Prints docs/aws/user-data-app.sh with the image tags filled in: what an app instance runs.
#   bash docs/aws/render-user-data.sh all=<sha> > user-data.sh
#   bash docs/aws/render-user-data.sh backend-rds=<sha> backend-redis=<sha> frontend=<sha> nginx=<sha>
# The stage pages use it for the first instances; CI uses it for each launch template version.
set -euo pipefail
template="$(dirname "$0")/user-data-app.sh"
images=(backend-rds backend-redis frontend nginx)
declare -A tags=()

for assignment in "$@"; do
  image=${assignment%%=*}
  tag=${assignment#*=}
  if [[ $assignment != *=* || ! $tag =~ ^[0-9a-f]{7,40}$ ]]; then
    echo "render-user-data.sh: '$assignment' is not <image>=<commit sha> (7 to 40 hex digits; never latest)" >&2
    exit 2
  fi
  if [ "$image" = all ]; then
    for each in "${images[@]}"; do tags[$each]=$tag; done
  elif [[ " ${images[*]} " == *" $image "* ]]; then
    tags[$image]=$tag
  else
    echo "render-user-data.sh: unknown image '$image' (one of: ${images[*]}, all)" >&2
    exit 2
  fi
done

rendered=$(cat "$template")
for image in "${images[@]}"; do
  if [ -z "${tags[$image]:-}" ]; then
    echo "render-user-data.sh: no tag for $image" >&2
    exit 2
  fi
  placeholder=${image^^}
  placeholder="__${placeholder//-/_}_IMAGE_TAG__"
  rendered=${rendered//"$placeholder"/"${tags[$image]}"}
done
printf '%s\n' "$rendered"
