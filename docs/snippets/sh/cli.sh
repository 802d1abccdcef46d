#!/usr/bin/env bash
# The `bitexbit` command: every operation from a shell (.venv/bin/bitexbit ..., or activate .venv).
# It reads BITEXBIT_BASE_URL, BITEXBIT_API_KEY and BITEXBIT_API_SECRET (or `bitexbit configure`).
set -euo pipefail
export BITEXBIT_BASE_URL="${BITEXBIT_BASE_URL:-http://127.0.0.1:8765/api/gateway}"
export BITEXBIT_API_KEY="${BITEXBIT_API_KEY:-demo-key}"
export BITEXBIT_API_SECRET="${BITEXBIT_API_SECRET:-demo-secret}"

bitexbit payment-methods
bitexbit wallets create USDT tron
bitexbit withdraw create USDT tron TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW 22.5 --yes --output json
bitexbit withdraw list
