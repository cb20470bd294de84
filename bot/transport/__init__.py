"""Getting messages in and out: the inbox, the outbox and its courier, routing a reply to a
person's chat, and the housekeeping of both."""
