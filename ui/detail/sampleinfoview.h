#pragma once

#include "models/sampleloader.h"

#include <QTextBrowser>

namespace segscope::ui {

//! The sample's and label's own facts (status, who and when, metadata, image attributes,
//! readme) as a table, field names in a muted text colour of the current palette (again after a
//! change of theme).
class SampleInfoView : public QTextBrowser {
    Q_OBJECT

public:
    explicit SampleInfoView(QWidget *parent = nullptr);
    void showSample(const models::LoadedSample &sample);
    void clear();
    //! The field names' colour in `palette`: between its Text and Base, readable on Base.
    static QColor keyColor(const QPalette &palette);

    //! The tables showSample() shows, for other views that describe a sample (field names in
    //! `keyColor`).
    static QString infoHtml(const models::LoadedSample &sample, const QString &keyColor);
    //! One "key  value" row of such a table (both escaped here).
    static QString rowHtml(const QString &key, const QString &value, const QString &keyColor);
    //! A JSON value as one line of text.
    static QString valueText(const QJsonValue &value);

protected:
    void changeEvent(QEvent *event) override;

private:
    static constexpr QLatin1StringView KeyColorToken{"@keycolor@"};
    void showHtml();
    QString m_html; //!< with KeyColorToken in place of the field names' colour
};

} // namespace segscope::ui
