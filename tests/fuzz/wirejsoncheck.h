#pragma once

#include <QByteArrayView>
#include <QString>

//! The checks of the JSON value readers' fuzzer, shared with the regression test that replays
//! what the fuzzer once found (tests/data/fuzz-regressions), so both hold the same rules.
namespace segscope::fuzz {

//! Runs `input` through every reader the client applies to network or file input, as the client
//! does: parsed once as an API response body, then read as each value type (one value and a
//! list), as an annotations file, as an error body, and, as text, by the sample query, filter
//! term and typed metadata parsers. What is read is written back with toJson(), serialized,
//! parsed and read again, which must succeed and give the same JSON. "" when every rule holds,
//! else the first one broken, in words.
QString checkWireInput(QByteArrayView input);

} // namespace segscope::fuzz
