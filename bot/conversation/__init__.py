"""The conversation: one message in, the replies and the booking out (core), the decision to
ask (dispatch), data rights (privacy), the question queue (pending), and the handlers."""
