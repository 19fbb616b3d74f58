#pragma once

#include <QString>

namespace segscope::wire {

//! The first problem found while reading a JSON document into values, with where it was.
//! `path` looks like `[3].attributes.image.url`; empty for the document itself.
struct JsonError {
    QString path;
    QString message;

    bool isSet() const { return !message.isEmpty(); }
    //! `[3].attributes.image.url: expected a string`
    QString toString() const;
};

} // namespace segscope::wire
