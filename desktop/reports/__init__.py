"""Reports computed from a workspace: plain data in, plain data (or files) out."""
