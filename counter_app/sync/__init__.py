"""The sync engine: upload the outbox, then download changes since the watermark."""
