"""The Qt shell: a thin layer over the services of `desktop`."""
