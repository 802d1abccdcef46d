"""The OpenAPI documents this distribution was built from.

Written by `make generate` (tools/generate.py) and checked by `make check-generated`; do
not edit. SHA-256 is of the spec file's bytes."""

SPEC_FILE = "openapi/gateway.yaml"
SPEC_TITLE = "bitexbit API Gateway"
SPEC_VERSION = "1.0.1"
SPEC_SHA256 = "bc61d62dc103990c9fb063fe724f12aa3494fcb7a4e45b37903db321bf37b6d2"
