"""Certificate services: issuing, revoking and re-issuing (issuing.py); outside certificates (outside.py)."""
