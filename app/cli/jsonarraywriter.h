#pragma once

#include <QIODevice>
#include <QJsonObject>

namespace segscope::cli {

//! Writes one JSON array element by element, so a list of any length is printed without ever
//! being held in memory. The output is valid JSON once finish() has run.
class JsonArrayWriter {
public:
    explicit JsonArrayWriter(QIODevice *device)
        : m_device(device) {}

    void append(const QJsonObject &object);
    //! Closes the array (writes `[]` when nothing was appended).
    void finish();
    qint64 count() const { return m_count; }

private:
    QIODevice *m_device;
    qint64 m_count = 0;
};

} // namespace segscope::cli
