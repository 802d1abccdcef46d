#!/usr/bin/env bash
# Create a deposit wallet with curl: a form body whose fields are already sorted by name and
# need no escaping, so the body itself is the signed text (scheme `params`, Python encoder).
set -euo pipefail
BASE_URL="${BITEXBIT_BASE_URL:-http://127.0.0.1:8765/api/gateway}"
API_KEY="${BITEXBIT_API_KEY:-demo-key}"
API_SECRET="${BITEXBIT_API_SECRET:-demo-secret}"

BODY='convert_limit=10000&convert_percent=2&convert_ticker=USDT&network=ethereum&ticker=ETH'
SIGNATURE=$(printf '%s' "$API_KEY$BODY" | openssl dgst -sha256 -hmac "$API_SECRET" | sed 's/^.*= //')
NONCE=$(date +%s%3N)

curl --silent --show-error --fail-with-body -X POST "$BASE_URL/wallet/create" \
  -H "X-API-Key: $API_KEY" -H "X-Signature: $SIGNATURE" -H "X-Nonce: $NONCE" \
  -H "Content-Type: application/x-www-form-urlencoded" --data "$BODY"
echo
