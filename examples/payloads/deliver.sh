#!/usr/bin/env bash
# Sends a recorded GitHub delivery to a running `esm serve`, signed the way GitHub signs it.
#   ESM_WEBHOOK_SECRET=… examples/payloads/deliver.sh issue_comment examples/payloads/issue_comment-created-plan.json
# Environment: ESM_WEBHOOK_SECRET (required), ESM_URL (default http://127.0.0.1:8080).
set -euo pipefail
event="${1:?usage: deliver.sh EVENT PAYLOAD.json}"
payload="${2:?usage: deliver.sh EVENT PAYLOAD.json}"
: "${ESM_WEBHOOK_SECRET:?set ESM_WEBHOOK_SECRET to the secret of the service}"
signature="sha256=$(openssl dgst -sha256 -hmac "$ESM_WEBHOOK_SECRET" -hex < "$payload" | sed 's/^.* //')"
curl -sS -i "${ESM_URL:-http://127.0.0.1:8080}/webhooks/github" \
  -H "Content-Type: application/json" \
  -H "X-GitHub-Event: $event" \
  -H "X-GitHub-Delivery: $(cat /proc/sys/kernel/random/uuid 2>/dev/null || date +%s%N)" \
  -H "X-Hub-Signature-256: $signature" \
  --data-binary "@$payload"
