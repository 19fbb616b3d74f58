#pragma once

#include "command.h"

#include "labels/instancebitmap.h"
#include "labels/labelrender.h"
#include "wire/dataset.h"
#include "wire/label.h"

#include <QImage>

#include <optional>

namespace segscope::cli {

//! `segscope render`: a label drawn to a PNG, without a display.
//!
//! - server form: `--sample UUID [--labelset NAME]` fetches the sample (for its dataset and
//!   image), the label, the dataset (for the categories), the image and the bitmap;
//! - offline form: `--label LABEL.json --dataset DATASET.json [--bitmap PNG] [--image FILE]`
//!   reads the bodies of GET /labels/{uuid}/{labelset}/ and GET /datasets/{ds}/ from files and
//!   needs no key and no server.
//!
//! Both write `--out FILE` (always PNG, through QSaveFile: a failed write leaves no partial
//! file), print label defects as `segscope: warning: ...` lines on stderr without failing, and
//! print `wrote FILE (WxH)` on stdout on success.
class RenderCommand : public Command {
    Q_OBJECT

public:
    using Command::Command;

    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void start(api::ApiClient &client) override;
    bool needsServer() const override { return !m_offline; }

private:
    void startOffline();
    void fetchSample(api::ApiClient &client);
    void fetchLabelAndDataset(api::ApiClient &client);
    void fetchAssets(api::ApiClient &client);
    void assetsArrived();
    //! Renders, writes the PNG and finishes.
    void renderAndWrite(const QImage &image, const labels::InstanceBitmap &bitmap);

    // Options.
    bool m_offline = false;
    QString m_sample;
    QString m_labelset;
    QString m_labelFile, m_datasetFile, m_bitmapFile, m_imageFile;
    QString m_out;
    labels::RenderOptions m_options;

    // What has been fetched or read.
    QString m_datasetName;
    QString m_imageUrl;
    wire::Label m_label;
    wire::TaskAttributes m_task;
    int m_pending = 0; //!< answers still awaited; -1 once one failed
    std::optional<QByteArray> m_imageBytes, m_bitmapBytes;
};

} // namespace segscope::cli
