"""The OpenAPI documents this distribution was built from.

Written by `make generate` (tools/generate.py) and checked by `make check-generated`; do
not edit. SHA-256 is of the spec file's bytes."""

SPEC_FILE = "openapi/gateway.yaml"
SPEC_TITLE = "bitexbit API Gateway"
SPEC_VERSION = "1.0.1"
SPEC_SHA256 = "eacb6ff1c63d9ae90967b2b5a117f2b1bd1ea0bbf5525516d064b03d68fcaf19"
CONTROL_SPEC_FILE = "openapi/emulator-control.yaml"
CONTROL_SPEC_TITLE = "bitexbit gateway emulator - control API"
CONTROL_SPEC_VERSION = "1.1.0"
CONTROL_SPEC_SHA256 = "8e7896a099142cb161029f1512de6ae311ae7cd7a5c8814f9e6f5f2f4850f646"
