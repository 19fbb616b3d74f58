#include "detail/viewexporter.h"

#include "detail/imagecanvas.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMessageBox>
#include <QSaveFile>

namespace segscope::ui {

bool ViewExporter::exportTo(const QString &path, QString *error) const {
    const QImage image = m_canvas->renderFullResolution();
    if (image.isNull()) {
        *error = tr("there is nothing to export");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        *error = tr("the PNG could not be written");
        return false;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
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
