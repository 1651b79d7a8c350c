"""Tiny image encoders and a PNG reader for the media tests (no imaging
library on the test machine): just enough PNG and GIF to make valid images,
images padded to an exact size, and images that declare more than they hold."""

import struct
import zlib


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, pixel=lambda x, y: (200, 30, 30), pad_to=None):
    """An RGB PNG; with pad_to, a private ancillary chunk (which decoders skip)
    makes the file exactly that many bytes."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width))
                    for y in range(height))
    head = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    body = _chunk(b"IDAT", zlib.compress(rows, 9))
    end = _chunk(b"IEND", b"")
    if pad_to is not None:
        filler = pad_to - len(head) - len(body) - len(end) - 12  # 12: chunk framing
        assert filler >= 0, "image larger than the padding target"
        body = _chunk(b"paDd", b"x" * filler) + body
    data = head + body + end
    assert pad_to is None or len(data) == pad_to
    return data


def png_bomb(width=50000, height=50000):
    """A small file whose header declares a huge image (a decompression bomb)."""
    rows = zlib.compress(b"\x00" * (width * 3 + 1) * 4, 9)  # a few rows; the rest never comes
    return (b"\x89PNG\r\n\x1a\n" +
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            _chunk(b"IDAT", rows) + _chunk(b"IEND", b""))


def gif(frames=1, width=1, height=1):
    """A GIF of `frames` 1x1 frames on a width x height screen."""
    head = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    frame = (b"\x21\xf9\x04\x00\x0a\x00\x00\x00" +        # 100 ms delay
             b"\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00" +  # a 1x1 image at 0,0
             b"\x02\x02\x44\x01\x00")                       # its LZW data
    return head + loop + frame * frames + b"\x3b"


def read_png(data):
    """(width, height, channels, rows) of an 8-bit non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0, header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def alpha_at(image, x, y):
    width, height, channels, rows = image
    return rows[y][x * channels + channels - 1] if channels in (2, 4) else 255
