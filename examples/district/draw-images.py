#!/usr/bin/env python3
"""Draws the pictures of the district example, with python3 alone (no image libraries):

  emblem.png     the district's emblem: a shield with an open book, a star and a river, 240 × 288 px;
  facsimile.png  the facsimile of the head's signature: blue ink on a transparent background, 420 × 160 px;
  book-icon.png  the small school-library icon repeated in the list of schools, 64 × 64 px.

The same bytes on every run. Usage: python3 examples/district/draw-images.py [FOLDER]
"""
import math
import os
import struct
import sys
import zlib

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def write_png(path, width, height, pixels):
    """pixels(i, j) → (r, g, b, a); an RGBA PNG, compressed at level 9."""
    rows = []
    for j in range(height):
        row = bytearray([0])
        for i in range(width):
            row += bytes(pixels(i, j))
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def supersampled(width, height, colour, s=3):
    """A pixel function that averages colour(x, y) (x, y in 0…1, None = transparent) over s × s samples."""
    def pixel(i, j):
        r = g = b = a = 0
        for sj in range(s):
            for si in range(s):
                c = colour((i + (si + 0.5) / s) / width, (j + (sj + 0.5) / s) / height)
                if c:
                    r += c[0]; g += c[1]; b += c[2]; a += 1
        return (r // a, g // a, b // a, 255 * a // (s * s)) if a else (0, 0, 0, 0)
    return pixel


def inside(pts, x, y):
    result = False
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


# --- The emblem: a shield, blue over green, an open book, a gold star, a white river between. ---

def shield(x, y, k=1.0):  # k < 1: the same shape shrunk around its centre
    x, y = 0.5 + (x - 0.5) / k, 0.5 + (y - 0.5) / k
    if y < 0.03 or y > 0.98:
        return False
    if y <= 0.58:
        return 0.06 <= x <= 0.94
    half = 0.44 * max(0.0, 1 - ((y - 0.58) / 0.40) ** 2) ** 0.5
    return abs(x - 0.5) <= half


STAR = [(0.5 + (0.11 if i % 2 == 0 else 0.045) * math.sin(i * math.pi / 5),
         0.20 - (0.11 if i % 2 == 0 else 0.045) * math.cos(i * math.pi / 5) / 1.2) for i in range(10)]
LEFT_PAGE = [(0.20, 0.36), (0.49, 0.41), (0.49, 0.66), (0.20, 0.61)]
RIGHT_PAGE = [(1 - x, y) for x, y in LEFT_PAGE]


def emblem(x, y):
    if not shield(x, y):
        return None
    if not shield(x, y, 0.90):
        return (212, 160, 23)                                   # gold rim
    if inside(STAR, x, y):
        return (240, 190, 40)                                   # star
    if inside(LEFT_PAGE, x, y) or inside(RIGHT_PAGE, x, y):
        return (40, 40, 40) if abs(x - 0.5) < 0.008 else (255, 255, 255)  # book and its spine
    wave = 0.76 + 0.018 * math.sin(x * 4 * math.pi)
    if abs(y - wave) < 0.022:
        return (255, 255, 255)                                  # the river
    return (24, 70, 150) if y < wave else (30, 120, 60)         # blue over green


# --- The facsimile: a «К», a cursive line of loops and a flourish, in blue ink. ---

def bezier(points, n=200):
    out = []
    for k in range(n + 1):
        t = k / n
        pts = list(points)
        while len(pts) > 1:
            pts = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in zip(pts, pts[1:])]
        out.append(pts[0])
    return out


def cursive(x0, x1, y0, n=1600):
    """Handwriting: loops of uneven height and width (a prolate trochoid), slanted to the right."""
    heights = [0.10, 0.30, 0.12, 0.08, 0.26, 0.11, 0.14, 0.05]   # «о р н и л о в а»: л and р reach higher
    loops = len(heights)
    out = []
    for k in range(n + 1):
        u = k / n
        t = u * loops * 2 * math.pi
        h = heights[min(loops - 1, int(u * loops))]
        x = x0 + (x1 - x0) * u - 0.018 * math.sin(t)
        rise = h * 0.5 * (1 - math.cos(t))
        y = y0 - 0.06 * u - rise
        out.append((x + 0.35 * rise, y))
    return out


STROKES = [
    (bezier([(0.12, 0.14), (0.11, 0.40), (0.09, 0.62), (0.08, 0.86)]), 0.013),      # the stem of «К»
    (bezier([(0.28, 0.16), (0.17, 0.36), (0.12, 0.50), (0.13, 0.52)]), 0.011),      # its upper arm
    (bezier([(0.13, 0.52), (0.20, 0.60), (0.24, 0.78), (0.30, 0.80)]), 0.011),      # its lower arm
    (cursive(0.30, 0.80, 0.76), 0.0095),                                         # «орнилова»
    (bezier([(0.84, 0.70), (0.98, 0.42), (0.70, 0.96), (0.34, 0.93), (0.06, 0.97)], 400), 0.008),  # flourish
]
INK = (23, 45, 140)
FW, FH, FS = 420, 160, 3


def facsimile_pixels():
    """Coverage of the strokes on a supersampled grid, as a pixel function."""
    W, H = FW * FS, FH * FS
    cover = bytearray(W * H)
    for points, width in STROKES:
        # Dense points along the stroke; each stamps a disc whose radius thins towards the stroke's ends.
        dense = []
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            steps = max(1, int(math.hypot((bx - ax) * W, (by - ay) * H)))
            dense += [(ax + (bx - ax) * s / steps, ay + (by - ay) * s / steps) for s in range(steps)]
        n = len(dense)
        for k, (x, y) in enumerate(dense):
            taper = min(1.0, 0.35 + 4 * min(k, n - k) / n)
            r = width * W * 0.5 * taper
            cx, cy = x * W, y * H
            for py in range(max(0, int(cy - r)), min(H, int(cy + r) + 1)):
                dy = py + 0.5 - cy
                for px in range(max(0, int(cx - r)), min(W, int(cx + r) + 1)):
                    dx = px + 0.5 - cx
                    if dx * dx + dy * dy <= r * r:
                        cover[py * W + px] = 1

    def pixel(i, j):
        a = sum(cover[(j * FS + sj) * W + i * FS + si] for sj in range(FS) for si in range(FS))
        return (*INK, 255 * a // (FS * FS)) if a else (0, 0, 0, 0)
    return pixel


# --- The icon: an open white book in a blue circle. ---

ICON_LEFT = [(0.22, 0.34), (0.49, 0.40), (0.49, 0.72), (0.22, 0.66)]
ICON_RIGHT = [(1 - x, y) for x, y in ICON_LEFT]


def icon(x, y):
    d = math.hypot(x - 0.5, y - 0.5)
    if d > 0.48:
        return None
    if inside(ICON_LEFT, x, y) or inside(ICON_RIGHT, x, y):
        return (24, 70, 150) if abs(x - 0.5) < 0.015 else (255, 255, 255)
    return (24, 70, 150) if d < 0.43 else (212, 160, 23)


write_png(os.path.join(OUT, "emblem.png"), 240, 288, supersampled(240, 288, emblem))
write_png(os.path.join(OUT, "facsimile.png"), FW, FH, facsimile_pixels())
write_png(os.path.join(OUT, "book-icon.png"), 64, 64, supersampled(64, 64, icon, s=4))
