"""Tests of the channel adapters: Telegram and WhatsApp against fakes on 127.0.0.1."""
