"""The services of a workspace, one per noun; `Workspace` makes each on first use."""
