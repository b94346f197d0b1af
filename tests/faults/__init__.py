"""Fault tools for the real-service tests: a private Redis server the test restarts and kills, and a TCP proxy in
front of PostgreSQL that the test cuts (connections refused) or stalls (accepted, nothing answered)."""
