// Everything is inline in include/load_shim.h.
