#include "pngunfilter.h"

#include <cstdlib>

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

template <int Bpp>
void unfilterAverage(uchar *row, const uchar *prior, int width, quint32 *ids) {
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
    return bpp == 4 ? unfilter<4>(filter, row, prior, width, ids)
                    : unfilter<3>(filter, row, prior, width, ids);
}

} // namespace segscope::labels::detail
