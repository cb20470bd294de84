"""Tests of `hisaab serve`: inbox workers, outbox courier, shutdown and scale-out."""
