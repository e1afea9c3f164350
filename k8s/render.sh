#!/usr/bin/env bash
# Renders every overlay into k8s/rendered/ and records the digest of the files it was made from, so
# the deployment tests can check the committed rendering on a machine without kubectl.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p k8s/rendered
for overlay in dev production gpu; do
  kubectl kustomize "k8s/overlays/$overlay" > "k8s/rendered/$overlay.yaml"
done
find k8s/base k8s/overlays -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1 > k8s/rendered/inputs.sha256
