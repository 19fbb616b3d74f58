// libFuzzer target for the segmentation bitmap decoder. Built with -DSEGSCOPE_FUZZ=ON and clang
// (see tests/labels.cmake). The CRC check is off so mutations reach the zlib and filter code
// instead of dying at the first checksum; the fallback is off because QImage's PNG reader is
// not ours to fuzz. Every accepted bitmap is indexed too, so id extraction and the run-based
// indexing see the same inputs.
#include "labels/instanceindex.h"
#include "labels/pngdecoder.h"

#include <cstdlib>

using namespace segscope::labels;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    DecodeOptions options;
    options.verifyCrc = false;
    options.allowFallback = false;
    const DecodeResult result = decodeInstanceBitmap(bytes, options);
    if (!result.ok()) {
        if (result.error().message.isEmpty())
            std::abort(); // every failure must say why
        return 0;
    }
    const InstanceBitmap &bitmap = result.bitmap();
    if (bitmap.ids.size() != size_t(bitmap.width) * size_t(bitmap.height))
        std::abort();
    for (quint32 id : bitmap.ids) {
        if (id > 0xffffff)
            std::abort();
    }
    const InstanceIndex index(bitmap);
    qint64 pixels = 0;
    for (int i = 0; i < index.count(); ++i)
        pixels += index.pixelCount(i);
    if (pixels != qint64(bitmap.ids.size()))
        std::abort();
    if (index.idAt(bitmap.width - 1, bitmap.height - 1) != bitmap.ids.back())
        std::abort();
    return 0;
}
