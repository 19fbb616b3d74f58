#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace segscope::ui {

class ImageCanvas;

//! Exports what an ImageCanvas shows, at the image's full resolution: to a PNG file (written
//! atomically), through a save dialog, or to the clipboard.
class ViewExporter {
    Q_DECLARE_TR_FUNCTIONS(ViewExporter)

public:
    explicit ViewExporter(const ImageCanvas *canvas)
        : m_canvas(canvas) {}

    //! False with `error` set when there is nothing to export or the file cannot be written.
    bool exportTo(const QString &path, QString *error) const;
    //! Asks where, offering `suggestedName`; a failure is reported in a message box.
    void exportWithDialog(QWidget *parent, const QString &suggestedName) const;
    void copyToClipboard() const;

private:
    const ImageCanvas *m_canvas;
};

} // namespace segscope::ui
