#!/usr/bin/env bash
# Create a wallet with a JSON body and the `path-nonce-body` scheme.
set -euo pipefail
BASE_URL="${BITEXBIT_BASE_URL:-http://127.0.0.1:8765/api/gateway}"
API_KEY="${BITEXBIT_API_KEY:-demo-key}"
API_SECRET="${BITEXBIT_API_SECRET:-demo-secret}"

URL="$BASE_URL/wallet/create"
PATH_ONLY="/${URL#*://*/}"  # the URL path: /api/gateway/wallet/create
BODY='{"ticker":"BTC","network":"bitcoin"}'
NONCE=$(date +%s%3N)
SIGNATURE=$(printf '%s' "$PATH_ONLY$NONCE$BODY" | openssl dgst -sha256 -hmac "$API_SECRET" | sed 's/^.*= //')

curl --silent --show-error --fail-with-body -X POST "$URL" \
  -H "X-API-Key: $API_KEY" -H "X-Signature: $SIGNATURE" -H "X-Nonce: $NONCE" \
  -H "Content-Type: application/json" --data "$BODY"
echo
