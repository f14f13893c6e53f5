"""Test and benchmark tooling that ships with Besked (loopback only, stdlib only)."""
