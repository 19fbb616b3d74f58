#include "pngunfilter.h"

#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace segscope::labels::detail {
namespace {

enum Filter : uchar { None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4 };

// Bytes are combined explicitly, never read as a word, so the ids do not depend on endianness.
template <int Bpp> inline quint32 idOf(const uchar *p) {
    return quint32(p[0]) | (quint32(p[1]) << 8) | (quint32(p[2]) << 16);
}

template <int Bpp> void extract(const uchar *row, int width, quint32 *ids) {
    for (int x = 0; x < width; ++x)
        ids[x] = idOf<Bpp>(row + x * Bpp);
}

template <int Bpp> void unfilterSub(uchar *row, int width, quint32 *ids) {
    ids[0] = idOf<Bpp>(row);
    for (int x = 1; x < width; ++x) {
        uchar *p = row + x * Bpp;
        for (int c = 0; c < Bpp; ++c)
            p[c] = uchar(p[c] + p[c - Bpp]);
        ids[x] = idOf<Bpp>(p);
    }
}

template <int Bpp> void unfilterUp(uchar *row, const uchar *prior, int width, quint32 *ids) {
    const int n = width * Bpp;
    for (int i = 0; i < n; ++i) // a plain byte loop the compiler vectorises
        row[i] = uchar(row[i] + prior[i]);
    extract<Bpp>(row, width, ids);
}

template <int Bpp> void unfilterAverage(uchar *row, const uchar *prior, int width, quint32 *ids) {
    for (int c = 0; c < Bpp; ++c)
        row[c] = uchar(row[c] + (prior[c] >> 1));
    ids[0] = idOf<Bpp>(row);
    for (int x = 1; x < width; ++x) {
        uchar *p = row + x * Bpp;
        const uchar *b = prior + x * Bpp;
        for (int c = 0; c < Bpp; ++c)
            p[c] = uchar(p[c] + ((unsigned(p[c - Bpp]) + unsigned(b[c])) >> 1));
        ids[x] = idOf<Bpp>(p);
    }
}

inline uchar paethPredictor(int a, int b, int c) {
    const int pa = std::abs(b - c);
    const int pb = std::abs(a - c);
    const int pc = std::abs(a + b - 2 * c);
    // The order of the comparisons is the spec's: ties go to a, then b.
    const int ab = pb < pa ? b : a;
    const int pab = pb < pa ? pb : pa;
    return uchar(pc < pab ? c : ab);
}

template <int Bpp> void unfilterPaeth(uchar *row, const uchar *prior, int width, quint32 *ids) {
    // Left and upper-left are zero for the first pixel, so Paeth reduces to Up there.
    for (int c = 0; c < Bpp; ++c)
        row[c] = uchar(row[c] + prior[c]);
    ids[0] = idOf<Bpp>(row);
    for (int x = 1; x < width; ++x) {
        uchar *p = row + x * Bpp;
        const uchar *b = prior + x * Bpp;
        for (int c = 0; c < Bpp; ++c)
            p[c] = uchar(p[c] + paethPredictor(p[c - Bpp], b[c], b[c - Bpp]));
        ids[x] = idOf<Bpp>(p);
    }
}

#if defined(__SSE2__)
// RGBA rows with SSE2 (every x86-64 CPU). Lane order is fixed by the instruction set: byte 0 of
// a 32-bit lane is its low byte, so lane & 0xffffff is R + (G << 8) + (B << 16) by definition,
// not by host memory layout. Other CPUs and RGB rows take the portable loops above.

inline __m128i idMask() {
    return _mm_set1_epi32(0x00ffffff);
}

inline __m128i load32(const uchar *p) {
    int v;
    std::memcpy(&v, p, 4);
    return _mm_cvtsi32_si128(v);
}

inline void store32(uchar *p, __m128i v) {
    const int x = _mm_cvtsi128_si32(v);
    std::memcpy(p, &x, 4);
}

inline quint32 laneId(__m128i v) {
    return quint32(_mm_cvtsi128_si32(v)) & 0xffffffu;
}

void extractRgba(const uchar *row, int width, quint32 *ids) {
    int x = 0;
    for (; x + 4 <= width; x += 4) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(row + x * 4));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(ids + x), _mm_and_si128(v, idMask()));
    }
    for (; x < width; ++x)
        ids[x] = idOf<4>(row + x * 4);
}

void unfilterSubRgba(uchar *row, int width, quint32 *ids) {
    // A prefix sum over four pixels at a time: add the pixel one lane left, then two lanes left,
    // then the last pixel of the previous four.
    __m128i left = _mm_setzero_si128();
    int x = 0;
    for (; x + 4 <= width; x += 4) {
        auto *p = reinterpret_cast<__m128i *>(row + x * 4);
        __m128i v = _mm_loadu_si128(p);
        v = _mm_add_epi8(v, _mm_slli_si128(v, 4));
        v = _mm_add_epi8(v, _mm_slli_si128(v, 8));
        v = _mm_add_epi8(v, left);
        _mm_storeu_si128(p, v);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(ids + x), _mm_and_si128(v, idMask()));
        left = _mm_shuffle_epi32(v, _MM_SHUFFLE(3, 3, 3, 3));
    }
    for (; x < width; ++x) {
        const __m128i v = _mm_add_epi8(load32(row + x * 4), left);
        store32(row + x * 4, v);
        ids[x] = laneId(v);
        left = v;
    }
}

void unfilterUpRgba(uchar *row, const uchar *prior, int width, quint32 *ids) {
    int x = 0;
    for (; x + 4 <= width; x += 4) {
        auto *p = reinterpret_cast<__m128i *>(row + x * 4);
        const __m128i v = _mm_add_epi8(
            _mm_loadu_si128(p), _mm_loadu_si128(reinterpret_cast<const __m128i *>(prior + x * 4)));
        _mm_storeu_si128(p, v);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(ids + x), _mm_and_si128(v, idMask()));
    }
    for (; x < width; ++x) {
        const __m128i v = _mm_add_epi8(load32(row + x * 4), load32(prior + x * 4));
        store32(row + x * 4, v);
        ids[x] = laneId(v);
    }
}

inline __m128i abs16(__m128i v) {
    return _mm_max_epi16(v, _mm_sub_epi16(_mm_setzero_si128(), v));
}

inline __m128i select(__m128i mask, __m128i a, __m128i b) {
    return _mm_or_si128(_mm_and_si128(mask, a), _mm_andnot_si128(mask, b));
}

void unfilterPaethRgba(uchar *row, const uchar *prior, int width, quint32 *ids) {
    // One pixel at a time in 16-bit lanes (the left pixel is a true dependency). Where the row
    // above does not change (b == c, most of a segmentation bitmap) the predictor is the left
    // pixel, a single add.
    const __m128i zero = _mm_setzero_si128();
    __m128i a = zero; // left pixel, 8-bit lanes
    for (int x = 0; x < width; ++x) {
        uchar *p = row + x * 4;
        const uchar *b8 = prior + x * 4;
        __m128i v;
        if (x > 0 && std::memcmp(b8, b8 - 4, 4) == 0) {
            v = _mm_add_epi8(load32(p), a);
        } else {
            const __m128i b = _mm_unpacklo_epi8(load32(b8), zero);
            const __m128i c = x > 0 ? _mm_unpacklo_epi8(load32(b8 - 4), zero) : zero;
            const __m128i a16 = _mm_unpacklo_epi8(a, zero);
            const __m128i pa0 = _mm_sub_epi16(b, c);   // p - a
            const __m128i pb0 = _mm_sub_epi16(a16, c); // p - b
            const __m128i pa = abs16(pa0), pb = abs16(pb0), pc = abs16(_mm_add_epi16(pa0, pb0));
            const __m128i smallest = _mm_min_epi16(pc, _mm_min_epi16(pa, pb));
            // Later choices win, so the spec's order (a, then b, then c) is applied last-first.
            __m128i predictor = select(_mm_cmpeq_epi16(smallest, pc), c, zero);
            predictor = select(_mm_cmpeq_epi16(smallest, pb), b, predictor);
            predictor = select(_mm_cmpeq_epi16(smallest, pa), a16, predictor);
            v = _mm_add_epi8(load32(p), _mm_packus_epi16(predictor, zero));
        }
        store32(p, v);
        ids[x] = laneId(v);
        a = v;
    }
}
#endif

template <int Bpp>
bool unfilter(uchar filter, uchar *row, const uchar *prior, int width, quint32 *ids) {
    switch (filter) {
    case None:
        extract<Bpp>(row, width, ids);
        return true;
    case Sub:
        unfilterSub<Bpp>(row, width, ids);
        return true;
    case Up:
        unfilterUp<Bpp>(row, prior, width, ids);
        return true;
    case Average:
        unfilterAverage<Bpp>(row, prior, width, ids);
        return true;
    case Paeth:
        unfilterPaeth<Bpp>(row, prior, width, ids);
        return true;
    default:
        return false;
    }
}

} // namespace

bool unfilterRowToIds(uchar filter, uchar *row, const uchar *prior, int width, int bpp,
                      quint32 *ids) {
#if defined(__SSE2__)
    if (bpp == 4) {
        switch (filter) {
        case None:
            extractRgba(row, width, ids);
            return true;
        case Sub:
            unfilterSubRgba(row, width, ids);
            return true;
        case Up:
            unfilterUpRgba(row, prior, width, ids);
            return true;
        case Paeth:
            unfilterPaethRgba(row, prior, width, ids);
            return true;
        default:
            break;
        }
    }
#endif
    return bpp == 4 ? unfilter<4>(filter, row, prior, width, ids)
                    : unfilter<3>(filter, row, prior, width, ids);
}

} // namespace segscope::labels::detail
