// The chat page's client.
