"""Test harness: serving the emulator in-process or on a loopback port, for tests and benchmarks."""
