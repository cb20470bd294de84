"""Channel adapters: Telegram (aiogram 3) and WhatsApp (Twilio), behind one protocol."""
