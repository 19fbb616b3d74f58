#!/usr/bin/env python3
"""Writes the PNG fixtures of the label tests (tst_pngdecoder, fuzz seed corpus).

Hand-made with zlib and struct only, so every byte is under control: filter types, chunk
layout, bit depth, colour type. Run from anywhere; it writes next to itself. The id pattern
is also computed by tst_pngdecoder.cpp (patternId), keep the two in step.
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
PATTERN = [0, 1, 2, 7, 255, 256, 65535, 65536, 70000, 16777215, 0x123456, 42]


def pattern_id(x, y):
    return PATTERN[(x + 3 * y) % len(PATTERN)]


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def ihdr(w, h, depth, colour, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour, 0, 0, interlace))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_row(ftype, row, prior, bpp):
    out = bytearray()
    for i, v in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prior[i]
        c = prior[i - bpp] if i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
        out.append((v - pred) & 0xFF)
    return bytes([ftype]) + bytes(out)


def scanlines(rows, bpp, filters):
    prior = bytes(len(rows[0]))
    data = b""
    for y, row in enumerate(rows):
        data += filter_row(filters[y % len(filters)], row, prior, bpp)
        prior = row
    return data


def id_rows(w, h, channels, alpha=lambda x, y: 255):
    rows = []
    for y in range(h):
        row = bytearray()
        for x in range(w):
            i = pattern_id(x, y)
            row += bytes([i & 0xFF, (i >> 8) & 0xFF, (i >> 16) & 0xFF])
            if channels == 4:
                row.append(alpha(x, y))
        rows.append(bytes(row))
    return rows


def png(header, idat, extra=b"", split=None):
    sig = b"\x89PNG\r\n\x1a\n"
    if split:
        parts = [idat[i:i + split] for i in range(0, len(idat), split)]
        body = b"".join(chunk(b"IDAT", p) for p in parts)
    else:
        body = chunk(b"IDAT", idat)
    return sig + header + extra + body + chunk(b"IEND", b"")


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def main():
    w, h = 12, 7
    every = [0, 1, 2, 3, 4]
    rgb = id_rows(w, h, 3)
    rgba = id_rows(w, h, 4)
    write("rgb_ids.png", png(ihdr(w, h, 8, 2), zlib.compress(scanlines(rgb, 3, [0]))))
    write("rgba_ids.png", png(ihdr(w, h, 8, 6), zlib.compress(scanlines(rgba, 4, [0]))))
    write("rgb_filters.png", png(ihdr(w, h, 8, 2), zlib.compress(scanlines(rgb, 3, every))))
    write("rgba_filters.png", png(ihdr(w, h, 8, 6), zlib.compress(scanlines(rgba, 4, every))))
    varied = id_rows(w, h, 4, alpha=lambda x, y: (x * 37 + y * 11) % 256)
    write("rgba_alpha_ignored.png",
          png(ihdr(w, h, 8, 6), zlib.compress(scanlines(varied, 4, [4, 3]))))
    # Several IDAT chunks, a text chunk before them, and a stored (level 0) zlib stream.
    text = chunk(b"tEXt", b"Comment\x00made by make_fixtures.py")
    write("rgba_split_idat.png",
          png(ihdr(w, h, 8, 6), zlib.compress(scanlines(rgba, 4, every), 0), text, split=37))

    # Through the QImage fallback. 16-bit values are v * 257 so the 8-bit conversion is exact.
    rgb16 = [bytes(b for v in row for b in (v, v)) for row in rgb]
    write("rgb16_ids.png", png(ihdr(w, h, 16, 2), zlib.compress(scanlines(rgb16, 6, every))))
    palette_ids = sorted(set(PATTERN))
    plte = chunk(b"PLTE", b"".join(bytes([i & 0xFF, (i >> 8) & 0xFF, (i >> 16) & 0xFF])
                                   for i in palette_ids))
    indexed = [bytes(palette_ids.index(pattern_id(x, y)) for x in range(w)) for y in range(h)]
    write("palette_ids.png", png(ihdr(w, h, 8, 3), zlib.compress(scanlines(indexed, 1, every)),
                                 plte))
    grey = [bytes((x * 20 + y) % 256 for x in range(w)) for y in range(h)]
    write("grey.png", png(ihdr(w, h, 8, 0), zlib.compress(scanlines(grey, 1, [0]))))
    # Adam7: each pass is a small image of its own, rows filtered independently.
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
              (0, 1, 1, 2)]
    stream = b""
    for x0, y0, dx, dy in passes:
        rows = [b"".join(rgb[y][x * 3:x * 3 + 3] for x in range(x0, w, dx))
                for y in range(y0, h, dy)]
        if rows and rows[0]:
            stream += scanlines(rows, 3, every)
    write("rgb_interlaced.png", png(ihdr(w, h, 8, 2, interlace=1), zlib.compress(stream)))

    # Broken inputs.
    whole = open(os.path.join(HERE, "rgba_ids.png"), "rb").read()
    write("truncated.png", whole[: len(whole) * 2 // 3])
    write("not_png.png", b"<html><body>403 Forbidden</body></html>\n")
    huge = png(ihdr(100000, 100000, 8, 6), zlib.compress(b"\x00" * 64))
    write("too_large.png", huge)


if __name__ == "__main__":
    main()
