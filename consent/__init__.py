"""consent: the encrypted 90-day conversation log, consents, data rights and retention."""
