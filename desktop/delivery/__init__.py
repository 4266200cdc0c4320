"""Getting a package to the level above: a USB stick (copied, then read back) or an
email draft; every delivery recorded in the outbox."""
