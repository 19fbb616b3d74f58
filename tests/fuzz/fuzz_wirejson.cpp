// libFuzzer target for the JSON value readers: every reader the client runs on a response body or
// a file the user names, and the text parsers of queries, filter terms and typed metadata. Built
// with -DSEGSCOPE_FUZZ=ON and clang (see tests/wire.cmake). The rules live in wirejsoncheck.cpp,
// shared with tst_wire_fuzzregressions, which replays every input the fuzzer once broke.
//
// Every input goes through every reader rather than a first byte choosing one: the inputs that
// matter are JSON documents, a selector byte in front would make the seed corpus (real response
// bodies) unparseable as it is, and one document is often a valid prefix of several types (a
// label is also a label summary, a sample embeds a label), so what a mutation finds for one
// reader reaches the others. The readers are cheap next to the parse, which is done once.
#include "wirejsoncheck.h"

#include <QtGlobal>

#include <cstdio>
#include <cstdlib>

namespace {

// Qt's warnings are expected on hostile input and would drown libFuzzer's output; fatal
// messages still abort.
void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message) {
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    qInstallMessageHandler(quietMessages);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString problem = segscope::fuzz::checkWireInput(input);
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "wire check failed: %s\n", qPrintable(problem));
        std::abort();
    }
    return 0;
}
