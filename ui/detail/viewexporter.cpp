#include "detail/viewexporter.h"

#include "detail/imagecanvas.h"
#include "labels/pngencoder.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMessageBox>

namespace segscope::ui {

bool ViewExporter::exportTo(const QString &path, QString *error) const {
    const QImage image = m_canvas->renderFullResolution();
    if (image.isNull()) {
        *error = tr("there is nothing to export");
        return false;
    }
    // The project's one PNG writer (libdeflate): several times faster than QImage's zlib on a
    // full-resolution view, and the file appears whole or not at all.
    return labels::writePngFile(path, image, error);
}

void ViewExporter::exportWithDialog(QWidget *parent, const QString &suggestedName) const {
    const QString path = QFileDialog::getSaveFileName(parent, tr("Export the view"), suggestedName,
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(parent, tr("Export failed"),
                             tr("Could not write %1: %2").arg(path, error));
}

void ViewExporter::copyToClipboard() const {
    const QImage image = m_canvas->renderFullResolution();
    if (!image.isNull())
        QGuiApplication::clipboard()->setImage(image);
}

} // namespace segscope::ui
