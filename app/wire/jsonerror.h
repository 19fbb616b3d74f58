#pragma once

#include <QString>

namespace segscope::wire {

//! The first problem found while reading a JSON document into values, with where it was.
//! `path` looks like `[3].attributes.image.url`; empty for the document itself.
struct JsonError {
    QString path;
    QString message;
    //! How the readers treat what the code can do without (docs/api-contract.md §3.1). Tolerant
    //! (the client, reading what a server sends): an optional field of the wrong type is taken
    //! as absent and a status or input type it does not know is kept. Strict (the server, reading
    //! what a client asks it to store): both are errors. Only meaningful before the first error.
    bool strict = false;

    bool isSet() const { return !message.isEmpty(); }
    //! `[3].attributes.image.url: expected a string`
    QString toString() const;

    //! An empty error that makes the readers strict.
    static JsonError strictReading() { return JsonError{{}, {}, true}; }
};

} // namespace segscope::wire
