#include "jsonarraywriter.h"

#include <QJsonDocument>

namespace segscope::cli {

void JsonArrayWriter::append(const QJsonObject &object) {
    m_device->write(m_count == 0 ? "[\n" : ",\n");
    m_device->write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    ++m_count;
}

void JsonArrayWriter::finish() {
    m_device->write(m_count == 0 ? "[]\n" : "\n]\n");
}

} // namespace segscope::cli
