#!/usr/bin/env bash
# List the payment methods with curl; openssl computes the HMAC (scheme `params`).
set -euo pipefail
BASE_URL="${BITEXBIT_BASE_URL:-http://127.0.0.1:8765/api/gateway}"
API_KEY="${BITEXBIT_API_KEY:-demo-key}"
API_SECRET="${BITEXBIT_API_SECRET:-demo-secret}"

# No query parameters: the signed text is the API key alone.
SIGNATURE=$(printf '%s' "$API_KEY" | openssl dgst -sha256 -hmac "$API_SECRET" | sed 's/^.*= //')
NONCE=$(date +%s%3N)  # milliseconds since the epoch (GNU date)

curl --silent --show-error --fail-with-body "$BASE_URL/payment-methods" \
  -H "X-API-Key: $API_KEY" -H "X-Signature: $SIGNATURE" -H "X-Nonce: $NONCE"
echo
