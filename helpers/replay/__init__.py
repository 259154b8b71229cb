"""Recorded mode: the session, the recordings on disk, and the one `@recordable` seam."""
