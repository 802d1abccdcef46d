"""The OpenAPI documents this distribution was built from.

Written by `make generate` (tools/generate.py) and checked by `make check-generated`; do
not edit. SHA-256 is of the spec file's bytes."""

SPEC_FILE = "openapi/gateway.yaml"
SPEC_TITLE = "bitexbit API Gateway"
SPEC_VERSION = "1.0.1"
SPEC_SHA256 = "ad9fbaed9113a37634388a373e0d0ff551bf913a3040137481ba0736b7cacee5"
CONTROL_SPEC_FILE = "openapi/emulator-control.yaml"
CONTROL_SPEC_TITLE = "bitexbit gateway emulator - control API"
CONTROL_SPEC_VERSION = "1.1.0"
CONTROL_SPEC_SHA256 = "8e7896a099142cb161029f1512de6ae311ae7cd7a5c8814f9e6f5f2f4850f646"
