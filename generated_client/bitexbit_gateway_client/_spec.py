"""The OpenAPI documents this distribution was built from.

Written by `make generate` (tools/generate.py) and checked by `make check-generated`; do
not edit. SHA-256 is of the spec file's bytes."""

SPEC_FILE = "openapi/gateway.yaml"
SPEC_TITLE = "bitexbit API Gateway"
SPEC_VERSION = "1.0.1"
SPEC_SHA256 = "eacb6ff1c63d9ae90967b2b5a117f2b1bd1ea0bbf5525516d064b03d68fcaf19"
