"""Fakes of outside services: HTTP servers on 127.0.0.1 that real clients talk to."""
