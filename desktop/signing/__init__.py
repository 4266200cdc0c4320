"""Signatures: where the certificate comes from, what it says, and a trial CA for
training. PDF signing (PAdES) and CMS over the package manifest use pyHanko."""
