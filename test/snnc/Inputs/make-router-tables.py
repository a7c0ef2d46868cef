"""Writes router tables in the SpiNNaker benchmark format for the
minimize-routes test (stdlib only):
    make-router-tables.py OUT mergeable|unfittable|truncated
mergeable: one 1,100-entry table of 8-neuron key blocks whose routes repeat
in runs, so ordered covering can fit it in 1,023 entries; unfittable: every
entry has its own route, nothing merges; truncated: the mergeable file cut
short.
"""
import struct
import sys


def table(x, y, entries):
    out = struct.pack("<BBH", x, y, len(entries))
    for key, mask, source, route in entries:
        out += struct.pack("<IIII", key, mask, source, route)
    return out


def main(path, kind):
    mask = 0xFFFFFFF8
    if kind == "unfittable":
        entries = [(i << 3, mask, 1, 1 << (i % 18 + 6) | (i // 18 % 6 and 1 << (i // 18 % 6)))
                   for i in range(1100)]
        # Make every route unique by adding a distinguishing core pattern.
        entries = [(k, m, s, (r & 0x3F) | ((i + 1) << 6)) for i, (k, m, s, r)
                   in enumerate(entries)]
        data = table(0, 0, entries)
    else:
        entries = [(i << 3, mask, 1, 1 << (6 + (i // 4) % 8)) for i in range(1100)]
        data = table(0, 0, entries) + table(1, 0, entries[:50])
        if kind == "truncated":
            data = data[:-7]
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
